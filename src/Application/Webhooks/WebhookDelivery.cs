namespace Payouts.Application.Webhooks;

/// <summary>
/// One event for a merchant's webhook endpoint, written in the same transaction as the payout change it
/// reports, then sent (and re-sent) by the webhook sender until the merchant answers 2xx or 3 days pass.
/// </summary>
/// <param name="Id">Assigned by the database; 0 before it is written.</param>
/// <param name="Sequence">Per payout, increasing: a receiver drops an event older than one it already has.</param>
/// <param name="EventType">e.g. "payout.succeeded", "payout.failed", "payout.processing".</param>
/// <param name="Payload">The JSON body, exactly as it will be sent and signed.</param>
/// <param name="NextAttemptAt">Null once delivered or abandoned.</param>
public sealed record WebhookDelivery(
    long Id,
    string MerchantId,
    long PayoutId,
    long Sequence,
    string EventType,
    string Payload,
    Uri Url,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt, due at NextAttemptAt.</summary>
    Pending,

    /// <summary>
    /// An attempt is under way: a sender claimed it until NextAttemptAt (the lease's end). The payout's later events
    /// wait for it, so a merchant never has two of one payout's events in flight at once.
    /// </summary>
    Sending,

    Delivered,

    /// <summary>Retried for the whole retry window without a 2xx answer, or superseded by a newer event of its payout.</summary>
    Abandoned,
}

/// <summary>One try at delivering a webhook, kept for the merchant's support and ours.</summary>
/// <param name="StatusCode">The merchant's HTTP status, or null if no answer came.</param>
/// <param name="Error">Why no answer came (timeout, connection refused); never the body.</param>
public sealed record WebhookAttempt(long DeliveryId, DateTimeOffset AttemptedAt, int? StatusCode, string? Error, TimeSpan Duration);

/// <summary>
/// The keys a merchant verifies our webhooks with. Seed 001 says webhooks are "signed with the token":
/// each key is the SHA-256 of one of the merchant's active tokens (we keep only that hash), so a merchant
/// derives it from the token they hold. Several active tokens mean several signatures: room for rotation.
/// </summary>
public interface IMerchantSigningKeys
{
    Task<IReadOnlyList<byte[]>> KeysForAsync(string merchantId, CancellationToken cancellationToken);
}
