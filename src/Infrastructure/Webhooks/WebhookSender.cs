using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Infrastructure.Webhooks;

/// <summary>
/// Sends queued webhooks: every due delivery is signed and POSTed, every attempt is recorded, and a
/// failure is retried with backoff until <see cref="WebhookOptions.MaxAge"/>. Deliveries of one payout
/// go out in sequence order, one at a time: a newer event waits while an earlier one is being sent, and an
/// earlier one not yet delivered when a newer one exists is given up instead of being sent again.
/// It runs apart from the dispatcher and only ever writes webhook rows, so a failing merchant endpoint
/// cannot hold up or roll back a payout. Delivery is at least once (a crash after the POST resends
/// it); receivers drop repeats by "webhook-id".
/// Each attempt first claims its delivery with a lease in the database (status Sending, its next attempt moved to the
/// lease's end, as the dispatcher claims a payout), so with several replicas on one database a delivery is sent by one at a time, and
/// one a dead replica held is sent again when the lease ends; the attempt's outcome is recorded only while the claim
/// still holds the delivery.
/// </summary>
internal sealed partial class WebhookSender(
    IServiceScopeFactory scopes, IUnitOfWork unitOfWork, WebhookClient client, WebhookOptions options, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService
{
    private const int BatchSize = 100;
    private const string Sending = nameof(WebhookDeliveryStatus.Sending);

    // A delivery stays here until the loop has drained its id from _finished: the loop then reads due work
    // only after that delivery's attempt was committed, so a stale read can never send it twice.
    private readonly ConcurrentDictionary<long, byte> _running = new();
    private readonly ConcurrentQueue<long> _finished = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var slots = new SemaphoreSlim(options.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (_finished.TryDequeue(out var id))
                {
                    _running.TryRemove(id, out _);
                }

                var due = await DueAsync(stoppingToken);
                var started = 0;
                foreach (var delivery in due.Where(d => !_running.ContainsKey(d.Id)))
                {
                    await slots.WaitAsync(stoppingToken);
                    _running[delivery.Id] = 0;
                    started++;
                    _ = RunAsync(delivery, slots, stoppingToken);
                }

                if (started == 0 || due.Count < BatchSize)
                {
                    await Task.Delay(options.IdleDelay, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The loop must outlive any one bad read; the deliveries are still in the database.
                LogLoopFailed(logger, ex);
                await Task.Delay(options.IdleDelay, clock, stoppingToken);
            }
        }

        // Let attempts in flight finish or observe cancellation; an unrecorded one is simply sent again later.
        for (var i = 0; i < options.Concurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    /// <summary>One pass, every due delivery attempted in turn: for tests that move a fake clock.</summary>
    internal async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var due = await DueAsync(cancellationToken);
        foreach (var delivery in due)
        {
            await AttemptAsync(delivery, cancellationToken);
        }

        return due.Count;
    }

    private async Task RunAsync(WebhookDelivery delivery, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await AttemptAsync(delivery, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the delivery is still pending and goes out after a restart.
        }
        catch (Exception ex)
        {
            LogAttemptCrashed(logger, delivery.Id, ex);
        }
        finally
        {
            _finished.Enqueue(delivery.Id);
            slots.Release();
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        if (await ClaimAsync(delivery, stoppingToken) is not { } leaseEnd)
        {
            return;
        }

        var attemptedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var (statusCode, error) = await SendAsync(delivery, attemptedAt, stoppingToken);
        var attempt = new WebhookAttempt(delivery.Id, attemptedAt, statusCode, error, clock.GetElapsedTime(started));
        var updated = AfterAttempt(delivery, error, clock.GetUtcNow());

        // Not cancellable: the merchant has answered, and that must be recorded even while shutting down.
        var recorded = await unitOfWork.ExecuteAsync(
            session => Result<bool>.Success(session.Webhooks.RecordAttempt(attempt, updated, leaseEnd)), CancellationToken.None);
        if (!recorded.IsSuccess)
        {
            LogRecordFailed(logger, delivery.Id, recorded.Error.Code);
            return;
        }

        if (!recorded.Value)
        {
            LogLeaseLost(logger, delivery.Id, delivery.PayoutId);
            return;
        }

        switch (updated.Status)
        {
            case WebhookDeliveryStatus.Delivered:
                LogDelivered(logger, delivery.Id, delivery.PayoutId, delivery.Sequence, updated.Attempts);
                break;
            case WebhookDeliveryStatus.Abandoned:
                LogAbandoned(logger, delivery.Id, delivery.PayoutId, delivery.MerchantId, updated.Attempts, error);
                break;
            default:
                LogRetrying(logger, delivery.Id, delivery.PayoutId, updated.Attempts, error, updated.NextAttemptAt);
                break;
        }
    }

    /// <returns>
    /// When the claim's lease ends, or null if the delivery is not to be sent now: another sender has it, it is no
    /// longer due, an earlier event of its payout is being sent, or a newer one superseded it (it is given up here).
    /// </returns>
    private async Task<DateTimeOffset?> ClaimAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var leaseEnd = now + options.InFlightLease;
        var due = delivery.NextAttemptAt!.Value;
        var claim = await unitOfWork.ExecuteAsync(
            session => Result<Claim>.Success(
                session.Webhooks.AbandonIfSuperseded(delivery.Id, due, now) ? Claim.Superseded
                : session.Webhooks.Claim(delivery.Id, due, leaseEnd, now) ? Claim.Taken
                : Claim.NotNow),
            stoppingToken);
        if (claim is { IsSuccess: true, Value: Claim.Superseded })
        {
            LogSuperseded(logger, delivery.Id, delivery.PayoutId, delivery.Sequence);
        }

        return claim is { IsSuccess: true, Value: Claim.Taken } ? leaseEnd : null;
    }

    /// <returns>The merchant's status code (if any answer came) and why it is not a success (null on 2xx).</returns>
    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookDelivery delivery, DateTimeOffset now, CancellationToken stoppingToken)
    {
        IReadOnlyList<byte[]> keys;
        try
        {
            // Resolved per attempt: the key store reads the database and may well be scoped.
            await using var scope = scopes.CreateAsyncScope();
            keys = await scope.ServiceProvider.GetRequiredService<IMerchantSigningKeys>().KeysForAsync(delivery.MerchantId, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogKeysFailed(logger, delivery.MerchantId, ex);
            return (null, "signing keys unavailable");
        }

        if (keys.Count == 0)
        {
            // Never send unsigned: the merchant could not tell it from a forgery.
            return (null, "not sent: the merchant has no active token to sign with");
        }

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var messageId = StandardWebhooks.MessageId(delivery.Id);
        var timestamp = now.ToUnixTimeSeconds();
        var signature = StandardWebhooks.Sign(messageId, timestamp, body, keys);

        // Real time, not the injected clock: this bounds a network wait.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var status = await client.PostAsync(delivery.Url, body, messageId, timestamp, signature, timeout.Token);
            return (status, status is >= 200 and < 300 ? null : $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: the message may quote the merchant's URL.
            return (null, $"request failed: {ex.HttpRequestError}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's message may quote the merchant's URL (which may carry a secret): its type only.
            LogSendFailed(logger, delivery.Id, ex.GetType().Name);
            return (null, $"request failed: {ex.GetType().Name}");
        }
    }

    /// <summary>
    /// The delivery after one attempt: delivered on 2xx; otherwise retried with backoff, the last retry at
    /// exactly MaxAge, and abandoned when an attempt at or past MaxAge fails.
    /// </summary>
    private WebhookDelivery AfterAttempt(WebhookDelivery delivery, string? error, DateTimeOffset now)
    {
        var attempts = delivery.Attempts + 1;
        if (error is null)
        {
            return delivery with { Status = WebhookDeliveryStatus.Delivered, Attempts = attempts, NextAttemptAt = null, DeliveredAt = now, LastError = null };
        }

        var giveUpAt = delivery.CreatedAt + options.MaxAge;
        if (now >= giveUpAt)
        {
            return delivery with { Status = WebhookDeliveryStatus.Abandoned, Attempts = attempts, NextAttemptAt = null, LastError = error };
        }

        var next = now + options.Backoff(attempts);
        return delivery with { Status = WebhookDeliveryStatus.Pending, Attempts = attempts, NextAttemptAt = next < giveUpAt ? next : giveUpAt, LastError = error };
    }

    private async Task<List<WebhookDelivery>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await db.WebhookDeliveries
            .AsNoTracking()
            .Where(d => d.NextAttemptAtMs != null && d.NextAttemptAtMs <= now)
            .Where(d => !db.WebhookDeliveries.Any(
                earlier => earlier.PayoutId == d.PayoutId && earlier.Sequence < d.Sequence && earlier.Status == Sending && earlier.NextAttemptAtMs > now))
            .OrderBy(d => d.NextAttemptAtMs)
            .ThenBy(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(RowMapping.FromRow);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DeliveryId} (payout {PayoutId}, sequence {Sequence}) delivered on attempt {Attempts}")]
    private static partial void LogDelivered(ILogger logger, long deliveryId, long payoutId, long sequence, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DeliveryId} (payout {PayoutId}) attempt {Attempts} failed ({Error}); next attempt at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, long deliveryId, long payoutId, int attempts, string? error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DeliveryId} (payout {PayoutId}) to merchant {MerchantId} abandoned after {Attempts} attempts ({Error})")]
    private static partial void LogAbandoned(ILogger logger, long deliveryId, long payoutId, string merchantId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording webhook {DeliveryId}'s attempt failed ({Code}); it will be attempted again")]
    private static partial void LogRecordFailed(ILogger logger, long deliveryId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DeliveryId} (payout {PayoutId}): the attempt outlived its claim, which another sender took after the lease; its outcome is recorded as an attempt only")]
    private static partial void LogLeaseLost(ILogger logger, long deliveryId, long payoutId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DeliveryId} (payout {PayoutId}, sequence {Sequence}) given up: a newer event of the payout replaces it")]
    private static partial void LogSuperseded(ILogger logger, long deliveryId, long payoutId, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing keys of merchant {MerchantId} could not be read")]
    private static partial void LogKeysFailed(ILogger logger, string merchantId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DeliveryId} could not be sent ({Failure})")]
    private static partial void LogSendFailed(ILogger logger, long deliveryId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {DeliveryId} attempt failed unexpectedly")]
    private static partial void LogAttemptCrashed(ILogger logger, long deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    private enum Claim
    {
        Taken,
        NotNow,
        Superseded,
    }
}
