namespace Payouts.Sandboxes.State;

/// <summary>How a reference's payout stands, in the same words for every provider.</summary>
public enum PayoutOutcome
{
    /// <summary>Never accepted: every submit naming it was refused (bad content, unknown payee...).</summary>
    Refused,

    /// <summary>Accepted, not ended yet.</summary>
    Pending,

    /// <summary>The money went out.</summary>
    Paid,

    /// <summary>Rejected or failed: no money went out.</summary>
    Failed,

    /// <summary>Paid, then the money came back.</summary>
    Returned,

    /// <summary>Cancelled before it was paid.</summary>
    Cancelled,
}

/// <summary>
/// What one provider received and paid for one reference: our payout id, which is the provider's idempotency key
/// (PayPal's sender_batch_id, Payoneer's client_reference_id, Tipalti's RefCode, Tupay's external_id).
/// </summary>
/// <param name="Provider">e.g. "paypal".</param>
/// <param name="Submits">
/// Authenticated submit calls whose body named the reference, whatever the answer: the one that created the payout,
/// replays, refused duplicates, refused content. A call refused for its credentials, or dropped unread by an armed
/// fault (ServerError, Timeout, ...), is not counted: the provider never saw whose it was.
/// </param>
/// <param name="Payments">Times the money went out: at most one, whatever was resubmitted.</param>
/// <param name="Returns">Times paid money came back.</param>
/// <param name="ProviderId">The provider's own id of the payout (batch id, payout id, cashout id); null if none was created.</param>
/// <param name="Amount">The amount as the provider holds it, e.g. "12.50".</param>
/// <param name="Status">The payout's status in the provider's own words (the item's, for PayPal).</param>
public sealed record ReferenceRecord(
    string Provider,
    string Reference,
    int Submits = 0,
    int Payments = 0,
    int Returns = 0,
    string? ProviderId = null,
    string? Amount = null,
    string? Currency = null,
    string? Status = null,
    PayoutOutcome Outcome = PayoutOutcome.Refused);

/// <summary>
/// A provider's record of what it received and paid, per reference, kept with the rest of its state: each entry
/// changes in the same transaction as the payout it describes. Served read-only at GET /_sandbox/record.
/// </summary>
internal sealed class SandboxRecord(SandboxState state, string provider)
{
    private readonly DurableTable<ReferenceRecord> _records = state.Table<ReferenceRecord>("record");

    public ReferenceRecord? Find(string reference) => _records.TryGet(reference, out var record) ? record : null;

    public IReadOnlyList<ReferenceRecord> All => [.. _records.Values.OrderBy(r => r.Reference, StringComparer.Ordinal)];

    /// <summary>A submit call named <paramref name="reference"/>.</summary>
    public void Submitted(string reference) => Update(reference, r => r with { Submits = r.Submits + 1 });

    /// <summary>The provider created a payout for <paramref name="reference"/>.</summary>
    public void Accepted(string reference, string providerId, string amount, string currency, string status) =>
        Update(reference, r => r with { ProviderId = providerId, Amount = amount, Currency = currency, Status = status, Outcome = PayoutOutcome.Pending });

    /// <summary>The payout moved to <paramref name="status"/>; a move to paid is a payment, a move to returned a return.</summary>
    public void Moved(string reference, string status, PayoutOutcome outcome) => Update(reference, r => r with
    {
        Status = status,
        Outcome = outcome,
        Payments = r.Payments + (outcome == PayoutOutcome.Paid ? 1 : 0),
        Returns = r.Returns + (outcome == PayoutOutcome.Returned ? 1 : 0),
    });

    private void Update(string reference, Func<ReferenceRecord, ReferenceRecord> change) =>
        _records.Put(reference, change(Find(reference) ?? new ReferenceRecord(provider, reference)));
}
