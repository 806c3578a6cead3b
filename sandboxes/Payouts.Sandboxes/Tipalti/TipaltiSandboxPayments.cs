using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>A payment order as the sandbox holds it. <see cref="Amount"/> is the decimal text the payer sent.</summary>
public sealed record TipaltiSandboxPayment(
    string RefCode, string Idap, string Amount, string Currency, string GroupTitle, string Status, string? ErrorCode = null, string? ErrorMessage = null);

/// <summary>
/// ProcessPayments and GetExtendedPODetailsList. Each order moves Submitted → Approved → Paid, or ends as the
/// scenario book says: ProviderRejected (error 2), Error, or Paid then Returned; Stall keeps it Submitted
/// (where <see cref="Cancel"/> can still cancel it). Every change is announced by an IPN.
/// </summary>
internal sealed class TipaltiSandboxPayments
{
    public const int MaxOrdersPerCall = 250;

    private readonly SandboxContext _context;
    private readonly TipaltiSandboxAuth _auth;
    private readonly TipaltiSandboxPayees _payees;
    private readonly TipaltiSandboxIpn _ipn;
    private readonly DurableTable<TipaltiSandboxPayment> _payments;

    public TipaltiSandboxPayments(SandboxContext context, TipaltiSandboxAuth auth, TipaltiSandboxPayees payees, TipaltiSandboxIpn ipn)
    {
        _context = context;
        _auth = auth;
        _payees = payees;
        _ipn = ipn;
        _payments = context.State.Table<TipaltiSandboxPayment>("payment");
        context.Steps.Handle("approve", refCode => Move(refCode, "Submitted", "Approved", "payments_group_approved"));
        context.Steps.Handle("pay", refCode => Move(refCode, "Approved", "Paid", "completed"));
        context.Steps.Handle("reject", refCode => Move(refCode, "Approved", "ProviderRejected", "error", "ProviderRejectedPOErrorCode", "The payee's bank rejected the payment"));
        context.Steps.Handle("fail", refCode => Move(refCode, "Approved", "Error", "error", "UnknownError", "Payment processing failed"));
        context.Steps.Handle("return", refCode => Move(refCode, "Paid", "Returned", "error", "PaymentReturned", "The payment was returned by the payee's bank"));
    }

    private TipaltiSandboxOptions Options => _context.Settings.Tipalti;

    public TipaltiSandboxPayment? Find(string refCode) => _payments.TryGet(refCode, out var payment) ? payment : null;

    public int Count => _payments.Count;

    public IResult ProcessPayments(XElement function)
    {
        const string Name = "ProcessPayments";
        var groupTitle = TipaltiSoap.Text(function, "paymentGroupTitle") ?? "";
        if (_auth.Check(function, signsIdap: false, Options.ProcessPaymentsSignsGroupTitle ? groupTitle : null) is { } refused)
        {
            return TipaltiSoap.Reply(Name, refused.Code, refused.Message);
        }

        var orders = function.Element(TipaltiSoap.Ns + "tipaltiPaymentsOrders")?.Elements(TipaltiSoap.Ns + "TipaltiPaymentOrderItem").ToList() ?? [];
        if (orders.Count is 0 or > MaxOrdersPerCall)
        {
            return TipaltiSoap.Reply(Name, "ParameterError", $"Between 1 and {MaxOrdersPerCall} payment orders are required");
        }

        return _context.State.Change(() =>
        {
            foreach (var refCode in orders.Select(o => TipaltiSoap.Text(o, "RefCode")).Where(r => !string.IsNullOrEmpty(r)))
            {
                _context.Record.Submitted(refCode!);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var lines = orders.Select(o => (Order: o, Error: Check(o, seen))).ToList();
            var lineResults = new XElement(
                TipaltiSoap.Ns + "linesResults",
                lines.Select(l => new XElement(
                    TipaltiSoap.Ns + "ExpandedLineResult",
                    new XElement(TipaltiSoap.Ns + "RefCode", TipaltiSoap.Text(l.Order, "RefCode")),
                    new XElement(TipaltiSoap.Ns + "errorCode", l.Error?.Code ?? "OK"),
                    new XElement(TipaltiSoap.Ns + "errorMessage", l.Error?.Message ?? "OK"))));

            // One bad line refuses the whole call: nothing is half-submitted.
            if (lines.FirstOrDefault(l => l.Error is not null).Error is { } first)
            {
                return TipaltiSoap.Reply(Name, first.Code, first.Message, lineResults);
            }

            List<TipaltiSandboxPayment> created = [.. orders.Select(o => new TipaltiSandboxPayment(
                TipaltiSoap.Text(o, "RefCode")!, TipaltiSoap.Text(o, "Idap")!, TipaltiSoap.Text(o, "Amount")!, TipaltiSoap.Text(o, "Currency")!, groupTitle, "Submitted"))];
            foreach (var payment in created)
            {
                _payments.Put(payment.RefCode, payment);
                _context.Record.Accepted(payment.RefCode, payment.RefCode, payment.Amount, payment.Currency, payment.Status);
                _ipn.Send("payment_submitted", payment);
                Progress(payment.RefCode, _context.Scenarios.For(payment.RefCode, MinorDigits(payment.Amount)));
            }

            return TipaltiSoap.Reply(
                Name,
                "OK",
                "OK",
                lineResults,
                new XElement(TipaltiSoap.Ns + "paymentOrderStatus", "Submitted"),
                new XElement(TipaltiSoap.Ns + "tipaltiSummaryAmounts", new XElement(TipaltiSoap.Ns + "totalAmount", Sum(created))));
        });
    }

    public IResult GetExtendedPODetailsList(XElement function)
    {
        const string Name = "GetExtendedPODetailsList";
        if (_auth.Check(function, signsIdap: false, eat: null) is { } refused)
        {
            return TipaltiSoap.Reply(Name, refused.Code, refused.Message);
        }

        var refCodes = function.Element(TipaltiSoap.Ns + "refCodes")?.Elements(TipaltiSoap.Ns + "string").Select(e => e.Value) ?? [];
        var found = refCodes.Select(Find).OfType<TipaltiSandboxPayment>();
        return TipaltiSoap.Reply(Name, "OK", "OK", new XElement(TipaltiSoap.Ns + "PaymentOrders", found.Select(p => new XElement(
            TipaltiSoap.Ns + "TipaltiExtendedPODetails",
            new XElement(TipaltiSoap.Ns + "RefCode", p.RefCode),
            new XElement(TipaltiSoap.Ns + "Idap", p.Idap),
            new XElement(TipaltiSoap.Ns + "Amount", p.Amount),
            new XElement(TipaltiSoap.Ns + "Currency", p.Currency),
            new XElement(TipaltiSoap.Ns + "PaymentGroupTitle", p.GroupTitle),
            new XElement(TipaltiSoap.Ns + "Status", p.Status),
            p.ErrorCode is null ? null : new XElement(TipaltiSoap.Ns + "ErrorCode", p.ErrorCode),
            p.ErrorMessage is null ? null : new XElement(TipaltiSoap.Ns + "ErrorMessage", p.ErrorMessage)))));
    }

    /// <summary>Cancels a payment not yet approved, as a payer can in Tipalti Hub; false if it is too late.</summary>
    public bool Cancel(string refCode) => _context.State.Change(() => Move(refCode, "Submitted", "Canceled", "payment_cancelled"));

    private TipaltiError? Check(XElement order, HashSet<string> seen)
    {
        var refCode = TipaltiSoap.Text(order, "RefCode");
        if (string.IsNullOrEmpty(refCode))
        {
            return new("MissingRefCode", "Missing ref code");
        }

        if (_payments.Contains(refCode) || !seen.Add(refCode))
        {
            return new(Options.DuplicateRefCodeErrorCode, "A payment with this ref code already exists");
        }

        var idap = TipaltiSoap.Text(order, "Idap") ?? "";
        if (TipaltiSandboxPayees.CheckIdap(idap) is { } invalid)
        {
            return invalid;
        }

        if (!_payees.Exists(idap))
        {
            return new("PayeeUnknown", "PayeeUnknown");
        }

        if (!decimal.TryParse(TipaltiSoap.Text(order, "Amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return new("ParameterError", "Invalid amount");
        }

        return TipaltiSoap.Text(order, "Currency") is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper)
            ? null
            : new("UnknownCurrencyCode", "Unknown currency code");
    }

    /// <summary>Schedules the scenario's steps, one <see cref="SandboxSettings.StepDelay"/> apart; inside a change.</summary>
    private void Progress(string refCode, Scenario scenario)
    {
        if (scenario == Scenario.Stall)
        {
            return;
        }

        _context.Steps.After(1, "approve", refCode);
        _context.Steps.After(2, scenario switch
        {
            Scenario.Reject => "reject",
            Scenario.Fail => "fail",
            _ => "pay",
        }, refCode);
        if (scenario == Scenario.ReturnAfterSuccess)
        {
            _context.Steps.After(4, "return", refCode);
        }
    }

    /// <summary>Inside a change: moves the payment on if it is still <paramref name="from"/>, and announces it.</summary>
    private bool Move(string refCode, string from, string to, string ipnType, string? errorCode = null, string? errorMessage = null)
    {
        if (!_payments.TryGet(refCode, out var payment) || payment.Status != from)
        {
            return false;
        }

        var moved = payment with { Status = to, ErrorCode = errorCode, ErrorMessage = errorMessage };
        _payments.Put(refCode, moved);
        _context.Record.Moved(refCode, to, to switch
        {
            "Paid" => PayoutOutcome.Paid,
            "Returned" => PayoutOutcome.Returned,
            "Canceled" => PayoutOutcome.Cancelled,
            "ProviderRejected" or "Error" => PayoutOutcome.Failed,
            _ => PayoutOutcome.Pending,
        });
        _ipn.Send(ipnType, moved);
        return true;
    }

    /// <summary>The amount's digits as minor units, for the scenario book ("12.13" → 1213); the payer sends exactly the currency's decimals.</summary>
    private static long MinorDigits(string amount) =>
        long.TryParse(amount.Replace(".", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : 0;

    private static string Sum(IEnumerable<TipaltiSandboxPayment> payments) =>
        payments.Sum(p => decimal.Parse(p.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
}
