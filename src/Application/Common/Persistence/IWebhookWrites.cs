using Payouts.Application.Webhooks;

namespace Payouts.Application.Common.Persistence;

/// <summary>Webhook deliveries to merchants and their attempts.</summary>
public interface IWebhookWrites
{
    /// <summary>Queues a webhook; its id is assigned by the database.</summary>
    void Add(WebhookDelivery delivery);

    /// <summary>Gives up the payout's events older than <paramref name="sequence"/> that are still pending: a newer state replaces them.</summary>
    void SupersedeOlder(long payoutId, long sequence, DateTimeOffset now);

    /// <summary>Records one delivery attempt and the delivery's new state (delivered, next attempt, or abandoned).</summary>
    void RecordAttempt(WebhookAttempt attempt, WebhookDelivery updated);
}
