using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>
/// Payouts through ProcessPayments with one order per call. Our payout id is the order's RefCode, which
/// Tipalti refuses to take twice, and which is also the only reference Tipalti's SOAP API gives a payment:
/// so the provider reference is the RefCode itself.
/// </summary>
internal sealed partial class TipaltiPayoutProvider(TipaltiSoapClient soap, IOptions<TipaltiOptions> options, ILogger<TipaltiPayoutProvider> logger) : IPayoutProvider
{
    private static readonly XNamespace Ns = TipaltiSoapClient.Tipalti;

    public Provider Provider => Provider.Tipalti;

    public async Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (payout.Recipient is not ProviderAccount account)
        {
            return new SubmitOutcome.Refused("invalid_recipient", "Tipalti pays only to a payee (idap) created beforehand.");
        }

        if (TipaltiPayeeRules.CheckIdap(account.AccountId) is { } invalid)
        {
            return new SubmitOutcome.Refused(invalid.Code, invalid.Rule);
        }

        if (payout.Amount.Minor <= 0)
        {
            return new SubmitOutcome.Refused("invalid_amount", "The amount must be positive.");
        }

        var settings = options.Value;
        var refCode = RefCode(payout);
        var order = new XElement(
            Ns + "TipaltiPaymentOrderItem",
            new XElement(Ns + "Idap", account.AccountId),

            // Tipalti's Amount is an xs:double on the wire; we write its decimal text from minor units, exactly.
            new XElement(Ns + "Amount", payout.Amount.ToDecimalString()),
            new XElement(Ns + "RefCode", refCode),
            new XElement(Ns + "Currency", payout.Amount.Currency.Code),
            string.IsNullOrWhiteSpace(payout.Description) ? null : new XElement(Ns + "EmailMessage", payout.Description));
        var eat = settings.ProcessPaymentsEat == TipaltiProcessPaymentsEat.PaymentGroupTitle ? settings.PaymentGroupTitle : null;

        // Not retried here: a repeat after a lost reply could get an error that hides the first attempt's
        // success; the dispatcher resends only after asking Tipalti about the RefCode.
        var request = new TipaltiSoapRequest(
            TipaltiService.PayerFunctions,
            "ProcessPayments",
            Idap: null,
            eat,
            [new XElement(Ns + "paymentGroupTitle", settings.PaymentGroupTitle), new XElement(Ns + "tipaltiPaymentsOrders", order)],
            RetrySafe: false);
        var call = await soap.CallAsync(request, cancellationToken);
        if (call is TipaltiCall.Failed failed)
        {
            return failed.Submit;
        }

        var answer = LineAnswer((TipaltiCall.Answered)call, refCode);
        if (answer.IsOk)
        {
            return new SubmitOutcome.Accepted(refCode);
        }

        return answer.ErrorCode switch
        {
            TipaltiErrorCodes.EncryptionKeyFailedValidation or TipaltiErrorCodes.PayerUnknown => new SubmitOutcome.NotSent(TipaltiCall.AuthFailure(answer).Message),
            TipaltiErrorCodes.UnknownError or "" => new SubmitOutcome.Unknown(answer.Reason),

            // Any other error may stand beside a payment that exists (a duplicate under a code we do not know,
            // a line Tipalti deferred): look the RefCode up before refusing.
            _ => await AdoptOrRefuseAsync(payout, account, answer, cancellationToken),
        };
    }

    public async Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var found = await FindAsync(RefCode(payout), cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        if (found.Value is not { } order)
        {
            return new ProviderPayoutStatus(ProviderPayoutState.NotFound);
        }

        var state = TipaltiStatusMapping.Map(order.Status);
        var reason = order.ErrorCode is { Length: > 0 } code ? $"{code}: {order.ErrorMessage}" : null;
        return new ProviderPayoutStatus(state, order.RefCode, state is ProviderPayoutState.Completed ? null : reason);
    }

    /// <summary>
    /// GetExtendedPODetailsList looks payments up by RefCode, our payout id, with no other state; GetUpdatedPayments
    /// would need a "changed since" watermark and a second call for the details.
    /// </summary>
    private async Task<ProviderResult<PaymentOrder?>> FindAsync(string refCode, CancellationToken cancellationToken)
    {
        var request = new TipaltiSoapRequest(
            TipaltiService.PayeeFunctions,
            "GetExtendedPODetailsList",
            Idap: null,
            Eat: null,
            [new XElement(Ns + "refCodes", new XElement(Ns + "string", refCode))],
            RetrySafe: true);
        switch (await soap.CallAsync(request, cancellationToken))
        {
            case TipaltiCall.Failed failed:
                return failed.Failure;
            case TipaltiCall.Answered { IsOk: false } answer:
                return TipaltiCall.FailureOf(answer);
            case TipaltiCall.Answered answer:
                var details = answer.Result.Descendants(Ns + "RefCode").FirstOrDefault(r => r.Value.Trim() == refCode)?.Parent;
                return details is null ? (PaymentOrder?)null : new PaymentOrder(
                    refCode,
                    TipaltiSoapClient.Text(details, "Idap"),
                    TipaltiSoapClient.Text(details, "Status"),
                    TipaltiSoapClient.Text(details, "ErrorCode"),
                    TipaltiSoapClient.Text(details, "ErrorMessage"));
            default:
                throw new InvalidOperationException("Unhandled Tipalti call result.");
        }
    }

    /// <summary>Tipalti already has this RefCode: a lost reply to our own earlier call. Accept it once we see it is ours.</summary>
    private async Task<SubmitOutcome> AdoptOrRefuseAsync(PayoutInstruction payout, ProviderAccount account, TipaltiCall.Answered answer, CancellationToken cancellationToken)
    {
        var refCode = RefCode(payout);
        var found = await FindAsync(refCode, cancellationToken);
        if (!found.IsSuccess)
        {
            return new SubmitOutcome.Unknown($"Tipalti answered {answer.ErrorCode}, and looking RefCode {refCode} up failed: {found.Failure!.Message}");
        }

        if (found.Value is not { } order)
        {
            return answer.ErrorCode == options.Value.DuplicateRefCodeErrorCode
                ? new SubmitOutcome.Unknown($"Tipalti reports RefCode {refCode} as a duplicate but does not list it.")
                : new SubmitOutcome.Refused(answer.ErrorCode, answer.Reason);
        }

        if (order.Idap is { Length: > 0 } idap && idap != account.AccountId)
        {
            return new SubmitOutcome.Refused(options.Value.DuplicateRefCodeErrorCode, $"RefCode {refCode} is already used for a different payee.");
        }

        LogAdopted(logger, payout.PayoutId);
        return new SubmitOutcome.Accepted(refCode);
    }

    /// <summary>The line's own verdict when there is one: it is more specific than the call's.</summary>
    private static TipaltiCall.Answered LineAnswer(TipaltiCall.Answered answer, string refCode)
    {
        var line = answer.Result.Element(Ns + "linesResults")?.Elements()
            .FirstOrDefault(l => TipaltiSoapClient.Text(l, "RefCode") == refCode);
        var code = line is null ? null : TipaltiSoapClient.Text(line, "errorCode");
        return code is null or "" or TipaltiErrorCodes.Ok ? answer : answer with { ErrorCode = code, ErrorMessage = TipaltiSoapClient.Text(line!, "errorMessage") ?? "" };
    }

    private static string RefCode(PayoutInstruction payout) => payout.PayoutId.ToString(CultureInfo.InvariantCulture);

    private sealed record PaymentOrder(string RefCode, string? Idap, string? Status, string? ErrorCode, string? ErrorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tipalti already had payout {PayoutId}; adopted the original payment")]
    private static partial void LogAdopted(ILogger logger, long payoutId);
}
