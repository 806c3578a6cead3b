namespace Payouts.Sandboxes.Tupay;

/// <summary>One cashout the sandbox holds; changed only inside the sandbox's state changes, and put back after each.</summary>
internal sealed class TupaySandboxCashout(long cashoutId, string externalId, string amount, long amountMinor, string currency, Uri notificationUrl, string comments)
{
    public long CashoutId { get; } = cashoutId;

    public string ExternalId { get; } = externalId;

    /// <summary>The amount exactly as it arrived in the JSON, e.g. "100.13".</summary>
    public string Amount { get; } = amount;

    public long AmountMinor { get; } = amountMinor;

    public string Currency { get; } = currency;

    public Uri NotificationUrl { get; } = notificationUrl;

    public string Comments { get; } = comments;

    public int Status { get; set; } = TupayCodes.Pending;

    public int? RejectionCode { get; set; }

    public TupayCashoutSnapshot Snapshot() => new(CashoutId, ExternalId, Status, RejectionCode, Amount, Currency);
}

/// <summary>What a test sees of a sandbox cashout.</summary>
/// <param name="Amount">The amount's JSON text exactly as the adapter sent it.</param>
public sealed record TupayCashoutSnapshot(long CashoutId, string ExternalId, int Status, int? RejectionCode, string Amount, string Currency);
