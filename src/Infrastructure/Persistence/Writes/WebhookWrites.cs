using Payouts.Application.Common.Persistence;
using Payouts.Application.Webhooks;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class WebhookWrites(PreparedStatements sql) : IWebhookWrites
{
    private readonly Statement _add = sql.Prepare(
        "INSERT INTO WebhookDeliveries (MerchantId, PayoutId, Sequence, EventType, Payload, Url, Status, Attempts, NextAttemptAtMs, CreatedAtMs, DeliveredAtMs, LastError) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
    private readonly Statement _supersede = sql.Prepare(
        "UPDATE WebhookDeliveries SET Status = 'Abandoned', NextAttemptAtMs = NULL, LastError = $3 WHERE PayoutId = $1 AND Sequence < $2 AND Status = 'Pending'");
    private readonly Statement _addAttempt = sql.Prepare(
        "INSERT INTO WebhookAttempts (DeliveryId, AttemptedAtMs, StatusCode, Error, DurationMs) VALUES ($1, $2, $3, $4, $5)");
    private readonly Statement _abandonIfSuperseded = sql.Prepare(
        "UPDATE WebhookDeliveries SET Status = 'Abandoned', NextAttemptAtMs = NULL, LastError = $3 WHERE Id = $1 AND NextAttemptAtMs = $2 " +
        "AND EXISTS (SELECT 1 FROM WebhookDeliveries newer WHERE newer.PayoutId = WebhookDeliveries.PayoutId AND newer.Sequence > WebhookDeliveries.Sequence)");
    private readonly Statement _claim = sql.Prepare(
        "UPDATE WebhookDeliveries SET Status = 'Sending', NextAttemptAtMs = $3 WHERE Id = $1 AND NextAttemptAtMs = $2 " +
        "AND NOT EXISTS (SELECT 1 FROM WebhookDeliveries earlier WHERE earlier.PayoutId = WebhookDeliveries.PayoutId " +
        "AND earlier.Sequence < WebhookDeliveries.Sequence AND earlier.Status = 'Sending' AND earlier.NextAttemptAtMs > $4)");
    private readonly Statement _update = sql.Prepare(
        "UPDATE WebhookDeliveries SET Status = $1, Attempts = $2, NextAttemptAtMs = $3, DeliveredAtMs = $4, LastError = $5 WHERE Id = $6 AND NextAttemptAtMs = $7");

    public void Add(WebhookDelivery delivery) => _add
        .With(
            delivery.MerchantId, delivery.PayoutId, delivery.Sequence, delivery.EventType, delivery.Payload, delivery.Url.AbsoluteUri,
            delivery.Status.ToString(), delivery.Attempts, MsOrNull(delivery.NextAttemptAt), RowMapping.ToMs(delivery.CreatedAt),
            MsOrNull(delivery.DeliveredAt), delivery.LastError)
        .ExecuteNonQuery();

    public void SupersedeOlder(long payoutId, long sequence, DateTimeOffset now) =>
        _supersede.With(payoutId, sequence, $"superseded by sequence {sequence} at {now:O}").ExecuteNonQuery();

    public bool AbandonIfSuperseded(long deliveryId, DateTimeOffset due, DateTimeOffset now) =>
        _abandonIfSuperseded.With(deliveryId, RowMapping.ToMs(due), $"superseded by a newer event at {now:O}").ExecuteNonQuery() == 1;

    // On PostgreSQL a second replica's conditional update waits for the first one's commit and then finds the time moved.
    public bool Claim(long deliveryId, DateTimeOffset due, DateTimeOffset leaseEnd, DateTimeOffset now) =>
        _claim.With(deliveryId, RowMapping.ToMs(due), RowMapping.ToMs(leaseEnd), RowMapping.ToMs(now)).ExecuteNonQuery() == 1;

    public bool RecordAttempt(WebhookAttempt attempt, WebhookDelivery updated, DateTimeOffset leaseEnd)
    {
        _addAttempt
            .With(attempt.DeliveryId, RowMapping.ToMs(attempt.AttemptedAt), attempt.StatusCode, attempt.Error, (long)attempt.Duration.TotalMilliseconds)
            .ExecuteNonQuery();
        return _update
            .With(
                updated.Status.ToString(), updated.Attempts, MsOrNull(updated.NextAttemptAt), MsOrNull(updated.DeliveredAt), updated.LastError, updated.Id,
                RowMapping.ToMs(leaseEnd))
            .ExecuteNonQuery() == 1;
    }

    private static long? MsOrNull(DateTimeOffset? time) => time is { } t ? RowMapping.ToMs(t) : null;
}
