using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Infrastructure.Dispatch;

/// <summary>
/// The background loop around <see cref="PayoutDispatcher"/>: takes new payouts from the outbox, then
/// runs every due step, up to <see cref="DispatchPolicy.Concurrency"/> at a time and never two for the
/// same payout. All its state is in the database, so a restart simply carries on.
/// </summary>
internal sealed partial class DispatchWorker(
    IServiceScopeFactory scopes,
    PayoutDispatcher dispatcher,
    HostedFormExpiry formExpiry,
    DispatchPolicy policy,
    DispatchSignal signal,
    TimeProvider clock,
    ILogger<DispatchWorker> logger)
    : BackgroundService
{
    private const int BatchSize = 100;
    private readonly ConcurrentDictionary<long, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!policy.Enabled)
        {
            return;
        }

        using var slots = new SemaphoreSlim(policy.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TakeOverOutboxAsync(stoppingToken);
                await ExpireFormsAsync(stoppingToken);
                var due = await DueAsync(stoppingToken);
                foreach (var payoutId in due.Where(id => !_running.ContainsKey(id)))
                {
                    await slots.WaitAsync(stoppingToken);
                    _running[payoutId] = 0;
                    _ = RunStepAsync(payoutId, slots, stoppingToken);
                }

                if (due.Count < BatchSize)
                {
                    await signal.WaitAsync(policy.IdleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The loop must outlive any one bad read; the work is still in the database.
                LogLoopFailed(logger, ex);
                await Task.Delay(policy.IdleDelay, clock, stoppingToken);
            }
        }

        // Let running steps finish or observe cancellation; their state is safe either way.
        for (var i = 0; i < policy.Concurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    /// <summary>One pass, every step awaited in turn: for tests that move a fake clock.</summary>
    internal async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        await TakeOverOutboxAsync(cancellationToken);
        await ExpireFormsAsync(cancellationToken);
        var due = await DueAsync(cancellationToken);
        foreach (var payoutId in due)
        {
            await dispatcher.AdvanceAsync(payoutId, cancellationToken);
        }

        return due.Count;
    }

    private async Task RunStepAsync(long payoutId, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await dispatcher.AdvanceAsync(payoutId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease brings the payout back after a restart.
        }
        catch (Exception ex)
        {
            LogStepFailed(logger, payoutId, ex);
        }
        finally
        {
            _running.TryRemove(payoutId, out _);
            slots.Release();
        }
    }

    private async Task TakeOverOutboxAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();
        var messages = await db.OutboxMessages
            .Where(m => m.Type == PayoutMessages.CreatedType)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .Select(m => new { m.Id, m.Payload })
            .ToListAsync(cancellationToken);
        if (messages.Count > 0)
        {
            var created = messages.Select(m => PayoutMessages.ReadCreated(m.Payload) is var (payoutId, recipient) ? (m.Id, payoutId, recipient) : default);
            await dispatcher.ScheduleAsync(created.ToList(), cancellationToken);
        }
    }

    /// <summary>Merchant payouts whose hosted form expired unused: cancelled so their money is released.</summary>
    private async Task ExpireFormsAsync(CancellationToken cancellationToken)
    {
        List<long> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            expired = await scope.ServiceProvider.GetRequiredService<PayoutsDbContext>().MerchantPayouts
                .Where(p => p.FormUsedAtMs == null && p.FormExpiresAtMs <= now)
                .OrderBy(p => p.FormExpiresAtMs)
                .Take(BatchSize)
                .Select(p => p.PayoutId)
                .ToListAsync(cancellationToken);
        }

        foreach (var payoutId in expired)
        {
            await formExpiry.ExpireAsync(payoutId, cancellationToken);
        }
    }

    private async Task<List<long>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.PayoutDispatches
            .Where(d => d.NextAttemptAtMs != null && d.NextAttemptAtMs <= now)
            .OrderBy(d => d.NextAttemptAtMs)
            .Take(BatchSize)
            .Select(d => d.PayoutId)
            .ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch step for payout {PayoutId} failed")]
    private static partial void LogStepFailed(ILogger logger, long payoutId, Exception exception);
}
