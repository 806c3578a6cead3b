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
    /// <summary>
    /// How many groups run with a savepoint per unit after one in which a unit failed. A failure costs the group a second
    /// run; where units fail often, the groups stay isolated, which costs what every group cost before.
    /// </summary>
    private const int IsolatedGroupsAfterFailure = 16;

    private readonly PreparedStatements _sql;
    private readonly PayoutWrites _payouts;
    private readonly LedgerWrites _ledger;
    private readonly PayoutEventDispatcher _events;
    private int _isolatedGroupsLeft;

    /// <param name="nextPayoutId">Where payout ids come from: the SQLite writer's clock, PostgreSQL's sequence.</param>
    public WriteSession(PreparedStatements sql, PayoutEventDispatcher events, Func<long> nextPayoutId)
    {
        _sql = sql;
        _events = events;
        _ledger = new LedgerWrites(_sql);
        _payouts = new PayoutWrites(_sql, nextPayoutId);
        CashoutMethods = new CashoutMethodWrites(_sql);
        Dispatches = new DispatchWrites(_sql);
        Outbox = new OutboxWrites(_sql);
        MerchantPayouts = new MerchantPayoutWrites(_sql);
        Merchants = new MerchantWrites(_sql);
        Webhooks = new WebhookWrites(_sql);
        Idempotency = new IdempotencyWrites(_sql);
    }

    public ILedgerWrites Ledger => _ledger;

    public IPayoutWrites Payouts => _payouts;

    public ICashoutMethodWrites CashoutMethods { get; }

    public IDispatchWrites Dispatches { get; }

    public IOutboxWrites Outbox { get; }

    public IMerchantPayoutWrites MerchantPayouts { get; }

    public IMerchantWrites Merchants { get; }

    public IWebhookWrites Webhooks { get; }

    public IdempotencyWrites Idempotency { get; }

    /// <summary>
    /// Runs a group's units, in order, in the open transaction. While none has failed lately they run without savepoints:
    /// a savepoint makes SQLite copy every page a unit changes (3% of a cashout's CPU, ADR-011). False when a unit failed there:
    /// nothing can undo it alone, so the caller rolls the transaction back and calls again in a new one, where each unit
    /// runs again in a savepoint of its own (IUnitOfWork: work may run more than once), and so do the next groups for a
    /// while. An exception that <paramref name="failsGroup"/> (the database itself failing) leaves the transaction to be
    /// rolled back whole.
    /// </summary>
    public bool RunGroup(IReadOnlyList<IWorkItem> batch, Func<Exception, bool> failsGroup)
    {
        if (_isolatedGroupsLeft == 0)
        {
            if (RunTogether(batch, failsGroup))
            {
                return true;
            }

            _isolatedGroupsLeft = IsolatedGroupsAfterFailure;
            return false;
        }

        _isolatedGroupsLeft--;
        foreach (var item in batch)
        {
            if (!RunInSavepoint(item, failsGroup))
            {
                _isolatedGroupsLeft = IsolatedGroupsAfterFailure;
            }
        }

        return true;
    }

    // A write deferred by one unit may fail with a later unit's statement or at the end: whichever unit it fails in, the
    // group runs again; so may its idempotency record, deferred too. A unit reads only its owner's rows (IUnitOfWork), so
    // when the next unit is another owner's, or there is none, the unit's writes are held to the end, where each
    // statement's rows go as one (PostgreSQL: WriterRoundTrips).
    private bool RunTogether(IReadOnlyList<IWorkItem> batch, Func<Exception, bool> failsGroup)
    {
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                ForgetPreviousUnit();
                if (!item.Run(this))
                {
                    return false;
                }

                item.Record(Idempotency, withGroup: true);
                if (i + 1 == batch.Count || !string.Equals(batch[i + 1].Owner, item.Owner, StringComparison.Ordinal))
                {
                    _sql.HoldDeferred();
                }
            }

            _sql.SendDeferred();
            return true;
        }
        catch (Exception ex) when (!failsGroup(ex))
        {
            return false;
        }
    }

    /// <returns>False when the unit failed, or its key had an outcome already, and was rolled back.</returns>
    private bool RunInSavepoint(IWorkItem item, Func<Exception, bool> failsGroup)
    {
        _sql.Raw("SAVEPOINT unit").ExecuteBeforeNext();
        ForgetPreviousUnit();
        var succeeded = true;
        try
        {
            if (!item.Run(this))
            {
                RollBackUnit();
                succeeded = false;
            }

            if (!item.Record(Idempotency, withGroup: false))
            {
                RollBackUnit();
                succeeded = false;
            }

            // Its writes' failures are its own, so they are sent before it counts as written.
            _sql.SendDeferred();
        }
        catch (Exception ex) when (!failsGroup(ex))
        {
            RollBackUnit();
            item.Fault(ex);
            succeeded = false;
        }

        _sql.Raw("RELEASE unit").ExecuteBeforeNext();
        return succeeded;
    }

    // What an area kept of the unit before (payouts read, an account read ahead) is not this unit's.
    private void ForgetPreviousUnit()
    {
        _payouts.Forget();
        _ledger.Forget();
    }

    // What the unit deferred would be undone with it: it is not sent at all.
    private void RollBackUnit()
    {
        _sql.DiscardDeferred();
        _sql.Raw("ROLLBACK TO unit").ExecuteNonQuery();
    }

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
