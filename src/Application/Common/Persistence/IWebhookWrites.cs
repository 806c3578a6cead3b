using Payouts.Application.Webhooks;

namespace Payouts.Application.Common.Persistence;

/// <summary>Webhook deliveries to merchants and their attempts.</summary>
public interface IWebhookWrites
{
    /// <summary>Queues a webhook; its id is assigned by the database.</summary>
    void Add(WebhookDelivery delivery);

    /// <summary>
    /// Gives up the payout's events older than <paramref name="sequence"/> that are waiting for an attempt: a newer state
    /// replaces them. One being sent is left to finish its attempt (<see cref="AbandonIfSuperseded"/> ends it after).
    /// </summary>
    void SupersedeOlder(long payoutId, long sequence, DateTimeOffset now);

    /// <summary>
    /// Gives up a due delivery instead of attempting it again if a newer event of its payout exists (one that was being
    /// sent when the newer event was queued, and failed or was left by a dead sender). True if it was given up.
    /// </summary>
    bool AbandonIfSuperseded(long deliveryId, DateTimeOffset due, DateTimeOffset now);

    /// <summary>
    /// Claims a due delivery for one attempt: it becomes <see cref="WebhookDeliveryStatus.Sending"/> and its next attempt
    /// moves to <paramref name="leaseEnd"/>, if it is still the <paramref name="due"/> time the sender read and no earlier
    /// event of its payout is being sent under a lease that has not ended at <paramref name="now"/>. False if another
    /// sender (a replica, or a stale read) changed it first, or an earlier event is in flight.
    /// </summary>
    bool Claim(long deliveryId, DateTimeOffset due, DateTimeOffset leaseEnd, DateTimeOffset now);

    /// <summary>
    /// Records one delivery attempt, and the delivery's new state (delivered, next attempt, or abandoned) if the claim
    /// whose lease ends at <paramref name="leaseEnd"/> still holds the delivery; false if it no longer does (the state
    /// is then left to the sender that took it over after the lease, which sent it again or gave it up for a newer event).
    /// </summary>
    bool RecordAttempt(WebhookAttempt attempt, WebhookDelivery updated, DateTimeOffset leaseEnd);
}
