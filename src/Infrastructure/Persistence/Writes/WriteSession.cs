using Payouts.Application.Common.Persistence;
using Payouts.Application.Payouts.Events;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// <see cref="IWriteSession"/> over a writer's connection, SQLite's or PostgreSQL's. Each area prepares its SQL
/// once per connection, so a unit of work costs a handful of statement executions.
/// </summary>
internal sealed class WriteSession : IWriteSession, IDisposable
{
    private readonly PreparedStatements _sql;
    private readonly PayoutWrites _payouts;
    private readonly PayoutEventDispatcher _events;

    /// <param name="nextPayoutId">Where payout ids come from: the SQLite writer's clock, PostgreSQL's sequence.</param>
    public WriteSession(PreparedStatements sql, PayoutEventDispatcher events, Func<long> nextPayoutId)
    {
        _sql = sql;
        _events = events;
        Ledger = new LedgerWrites(_sql);
        _payouts = new PayoutWrites(_sql, nextPayoutId);
        CashoutMethods = new CashoutMethodWrites(_sql);
        Dispatches = new DispatchWrites(_sql);
        Outbox = new OutboxWrites(_sql);
        MerchantPayouts = new MerchantPayoutWrites(_sql);
        Merchants = new MerchantWrites(_sql);
        Webhooks = new WebhookWrites(_sql);
        Idempotency = new IdempotencyWrites(_sql);
    }

    public ILedgerWrites Ledger { get; }

    public IPayoutWrites Payouts => _payouts;

    public ICashoutMethodWrites CashoutMethods { get; }

    public IDispatchWrites Dispatches { get; }

    public IOutboxWrites Outbox { get; }

    public IMerchantPayoutWrites MerchantPayouts { get; }

    public IMerchantWrites Merchants { get; }

    public IWebhookWrites Webhooks { get; }

    public IdempotencyWrites Idempotency { get; }

    /// <summary>
    /// Runs one unit of the open transaction in a savepoint of its own: a unit that fails, or whose key another
    /// request completed first, is rolled back alone and the others still commit. An exception that
    /// <paramref name="failsGroup"/> (the database itself failing) leaves the transaction to be rolled back whole.
    /// </summary>
    public void Run(IWorkItem item, Func<Exception, bool> failsGroup)
    {
        _sql.Raw("SAVEPOINT unit").ExecuteBeforeNext();
        _payouts.Forget();
        try
        {
            if (!item.Run(this))
            {
                Execute("ROLLBACK TO unit");
            }

            if (!item.Record(Idempotency))
            {
                Execute("ROLLBACK TO unit");
            }
        }
        catch (Exception ex) when (!failsGroup(ex))
        {
            Execute("ROLLBACK TO unit");
            item.Fault(ex);
        }

        _sql.Raw("RELEASE unit").ExecuteBeforeNext();
    }

    private void Execute(string sql) => _sql.Raw(sql).ExecuteNonQuery();

    /// <summary>
    /// Ends a unit whose work succeeded: saves each payout it changed, on the version it was read at, and
    /// dispatches the payout's events. The first side effect that fails is returned, and the unit must then be
    /// rolled back. (Indexed: a listener that reads a payout adds it, and it is dispatched too.)
    /// </summary>
    public Result SaveChanges()
    {
        var payouts = _payouts.Tracked;
        for (var i = 0; i < payouts.Count; i++)
        {
            var (payout, storedVersion) = payouts[i];
            if (payout.Version != storedVersion)
            {
                _payouts.Update(payout, storedVersion);
            }

            var dispatched = _events.Dispatch(this, payout);
            if (!dispatched.IsSuccess)
            {
                return dispatched;
            }
        }

        return Result.Success;
    }

    public void Dispose() => _sql.Dispose();
}
