using Payouts.Application.Webhooks;

namespace Payouts.Application.Common.Persistence;

/// <summary>Webhook deliveries to merchants and their attempts.</summary>
public interface IWebhookWrites
{
    /// <summary>Queues a webhook; its id is assigned by the database.</summary>
    void Add(WebhookDelivery delivery);

    /// <summary>Gives up the payout's events older than <paramref name="sequence"/> that are still pending: a newer state replaces them.</summary>
    void SupersedeOlder(long payoutId, long sequence, DateTimeOffset now);

    /// <summary>
    /// Claims a due delivery for one attempt: its next attempt moves to <paramref name="leaseEnd"/>, if it is still the
    /// <paramref name="due"/> time the sender read. False if another sender (a replica, or a stale read) changed it first.
    /// </summary>
    bool Claim(long deliveryId, DateTimeOffset due, DateTimeOffset leaseEnd);

    /// <summary>
    /// Records one delivery attempt, and the delivery's new state (delivered, next attempt, or abandoned) if the claim
    /// whose lease ends at <paramref name="leaseEnd"/> still holds the delivery; false if it no longer does (the state
    /// is then left to whoever changed it: a newer event that superseded it, or a sender that took it over).
    /// </summary>
    bool RecordAttempt(WebhookAttempt attempt, WebhookDelivery updated, DateTimeOffset leaseEnd);
}
