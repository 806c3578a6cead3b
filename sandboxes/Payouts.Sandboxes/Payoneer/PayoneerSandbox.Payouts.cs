using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// Mass payouts (PROVIDERS.md §2.5, §2.6): a batch is validated whole, then each payment progresses
/// Pending → Transferred (or Cancelled with a reason code) as its <see cref="Scenario"/> says, with IPCN on every change.
/// </summary>
public sealed partial class PayoneerSandbox
{
    private const int MaxBatch = 500;
    private const int NotFoundSubCode = 2306;

    private Task<IResult> SubmitAsync(HttpContext http, string programId) => RunAuthorizedAsync("submit", http, programId, async () =>
    {
        JsonElement body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return PayoneerSandboxErrors.BadRequest("The request body is not valid JSON");
        }

        if (PaymentsOf(body) is not { } payments || payments.Count is 0 or > MaxBatch)
        {
            return PayoneerSandboxErrors.BadRequest("Invalid request", [new FieldError(400, "payments", $"payments must hold 1 to {MaxBatch} items")]);
        }

        var parsed = payments.Select((p, i) => ParsePayment(p, i)).ToList();
        var invalid = parsed.SelectMany(p => p.Errors).ToList();
        return Context.State.Change(() =>
        {
            foreach (var reference in payments.Select(ReferenceOf).OfType<string>())
            {
                Context.Record.Submitted(reference);
            }

            if (invalid.Count > 0)
            {
                return PayoneerSandboxErrors.BadRequest("Invalid request", invalid);
            }

            var refused = Refusals(parsed.Select(p => p.Payment!).ToList());
            if (refused is not null)
            {
                return refused;
            }

            var today = DateOnly.FromDateTime(Context.Clock.GetUtcNow().UtcDateTime);
            foreach (var payment in parsed.Select(p => p.Payment!))
            {
                var payout = new SandboxPayout(payment.ClientReferenceId, NextId(), payment.PayeeId, payment.Amount, payment.Currency, payment.Description, today);
                _payouts.Put(payout.ClientReferenceId, payout);
                Context.Record.Accepted(payout.ClientReferenceId, payout.PayoutId, payout.Amount, payout.Currency, payout.Status);
                SendIpcn("payment-request-accepted", [new("Payee Id", payout.PayeeId), new("IntPaymentId", payout.ClientReferenceId)]);
                Progress(payout);
            }

            return PayoneerSandboxErrors.Ok(new { Result = "Payments Created" });
        });
    });

    private Task<IResult> PayoutStatusAsync(HttpContext http, string programId, string clientReferenceId) => RunAuthorizedAsync("status", http, programId, () =>
        Context.State.Read(() =>
        {
            if (!_payouts.TryGet(clientReferenceId, out var payout))
            {
                return Task.FromResult(PayoneerSandboxErrors.NotFound("Payout was not found", NotFoundSubCode));
            }

            return Task.FromResult(PayoneerSandboxErrors.Ok(new
            {
                Result = new
                {
                    PayoutDate = payout.PayoutDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Amount = decimal.Parse(payout.Amount, NumberStyles.Number, CultureInfo.InvariantCulture),
                    payout.Currency,
                    payout.Status,
                    payout.PayeeId,
                    payout.PayoutId,
                    payout.ReasonCode,
                    payout.ReasonDescription,
                    payout.CancelReasonCode,
                    payout.CancelReasonDescription,
                },
            }));
        }));

    /// <summary>Cancel by the payer, allowed only while the payout is pending.</summary>
    private Task<IResult> CancelAsync(HttpContext http, string programId, string clientReferenceId) => RunAuthorizedAsync("cancel", http, programId, () =>
        Task.FromResult(Context.State.Change(() =>
        {
            if (!_payouts.TryGet(clientReferenceId, out var payout))
            {
                return PayoneerSandboxErrors.NotFound("Payout was not found", NotFoundSubCode);
            }

            if (payout.Status != PayoutStatus.Pending)
            {
                return PayoneerSandboxErrors.BadRequest($"A payout in status {payout.Status} cannot be cancelled");
            }

            payout.CancelReasonCode = 1;
            payout.CancelReasonDescription = "Cancelled by the payer";
            Move(payout, PayoutStatus.Cancelled, null, null, PayoutOutcome.Cancelled);
            SendCancelled(payout, string.Empty, payout.CancelReasonDescription);
            return PayoneerSandboxErrors.Ok(new { Result = new { Description = "Payout cancelled" } });
        })));

    private static List<JsonElement>? PaymentsOf(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // go-payoneer sends "Payments": Payoneer's binding is taken to be case-insensitive.
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("payments") || string.Equals(property.Name, "payments", StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Array ? [.. property.Value.EnumerateArray()] : null;
            }
        }

        return null;
    }

    /// <summary>The client_reference_id an item names, valid or not, for the record of what Payoneer received.</summary>
    private static string? ReferenceOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("client_reference_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? text
            : null;

    private (Payment? Payment, List<FieldError> Errors) ParsePayment(JsonElement item, int index)
    {
        var errors = new List<FieldError>();
        string? Text(string name)
        {
            var value = item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new FieldError(400, $"payments[{index}].{name}", $"{name} is required"));
            }

            return value;
        }

        var reference = Text("client_reference_id");
        var payee = Text("payee_id");
        var description = Text("description");
        string? amount = null;
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("amount", out var a) || a.ValueKind != JsonValueKind.Number
            || !decimal.TryParse(a.GetRawText(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            errors.Add(new FieldError(400, $"payments[{index}].amount", "amount must be a positive number"));
        }
        else
        {
            amount = a.GetRawText();
        }

        var currency = Options.ProgramCurrency;
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("currency", out var c))
        {
            currency = c.ValueKind == JsonValueKind.String ? c.GetString() ?? string.Empty : string.Empty;
            if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            {
                errors.Add(new FieldError(400, $"payments[{index}].currency", "currency must be an ISO 4217 code"));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new Payment(reference!, payee!, amount!, currency, description!), errors);
    }

    /// <summary>Inside a change: duplicate ids first (the configurable UNKNOWN error), then payees that cannot be paid.</summary>
    private IResult? Refusals(List<Payment> payments)
    {
        var duplicates = payments
            .Select((p, i) => (p, i))
            .Where(x => _payouts.Contains(x.p.ClientReferenceId) || payments.Take(x.i).Any(earlier => earlier.ClientReferenceId == x.p.ClientReferenceId))
            .Select(x => new FieldError(Options.DuplicateReferenceStatus, $"payments[{x.i}].client_reference_id", "client_reference_id already exists", Options.DuplicateReferenceSubCode))
            .ToList();
        if (duplicates.Count > 0)
        {
            return PayoneerSandboxErrors.Error(Options.DuplicateReferenceStatus, "Conflict", "Payment with this client_reference_id already exists", Options.DuplicateReferenceSubCode, "payments", duplicates);
        }

        var unpayable = payments
            .Select((p, i) => (p, i))
            .Where(x => !_payees.TryGet(x.p.PayeeId, out var payee) || payee.StatusType != PayeeStatusType.Active)
            .Select(x => new FieldError(400, $"payments[{x.i}].payee_id", _payees.TryGet(x.p.PayeeId, out var payee) && payee.StatusType is not null ? "Payee is not active" : "Payee was not found"))
            .ToList();
        return unpayable.Count > 0 ? PayoneerSandboxErrors.BadRequest("Invalid request", unpayable) : null;
    }

    private sealed record Payment(string ClientReferenceId, string PayeeId, string Amount, string Currency, string Description);
}
