using System.Globalization;
using System.Text.Json;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Payouts;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Webhooks;

/// <summary>
/// Queues webhooks for merchants. It does not decide when an event happens: the code that changes a
/// payout's status calls <see cref="Queue"/> in the same unit of work, so the event exists if and only
/// if the change was committed. The webhook sender delivers it later; nothing here touches the network.
/// </summary>
public sealed class WebhookEvents(TimeProvider clock)
{
    public const string Processing = "payout.processing";
    public const string Succeeded = "payout.succeeded";
    public const string Failed = "payout.failed";
    public const string Cancelled = "payout.cancelled";

    // camelCase like the rest of seed 001's API; the exact bytes are stored, so the format is fixed at queue time.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a pending delivery, due at once, whose body is
    /// <c>{"type":…,"id":"pay_&lt;payout id&gt;","sequence":…,"createdAt":"…Z","data":{…}}</c>.
    /// </summary>
    /// <param name="webhooks">The deliveries of the unit of work that makes the payout change this event reports.</param>
    /// <param name="sequence">
    /// Greater than every earlier event of this payout (the payout's version after the change does):
    /// a receiver keeps the highest it has seen, and (payout, sequence) is unique, so a repeat fails the unit.
    /// </param>
    /// <param name="eventType">One of the constants above, e.g. <see cref="Succeeded"/>.</param>
    /// <param name="url">The payout's webhookUrl, else the merchant's default.</param>
    /// <param name="data">Serialized camelCase as "data"; it must hold nothing the merchant may not see.</param>
    public WebhookDelivery Queue(IWebhookWrites webhooks, string merchantId, PayoutId payoutId, long sequence, string eventType, Uri url, object data)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentException.ThrowIfNullOrEmpty(merchantId);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(data);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("A webhook URL must be absolute.", nameof(url));
        }

        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(
            new Envelope(eventType, PublicPayoutIds.Format(payoutId.Value), sequence, now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), data),
            Json);
        var delivery = new WebhookDelivery(
            0, merchantId, payoutId.Value, sequence, eventType, payload, url, WebhookDeliveryStatus.Pending,
            Attempts: 0, NextAttemptAt: now, CreatedAt: now, DeliveredAt: null, LastError: null);
        // An older event not yet delivered is stale once this one exists: a receiver keeps the highest sequence
        // anyway, and the final status must not wait days behind an undeliverable "processing".
        webhooks.SupersedeOlder(payoutId.Value, sequence, now);
        webhooks.Add(delivery);
        return delivery;
    }

    // "data" is typed object so its runtime type is serialized, whatever record the caller passes.
    private sealed record Envelope(string Type, string Id, long Sequence, string CreatedAt, object Data);
}
