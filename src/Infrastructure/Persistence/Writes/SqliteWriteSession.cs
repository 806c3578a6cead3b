using Microsoft.Data.Sqlite;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Payouts.Events;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// <see cref="IWriteSession"/> over the writer's connection. Each area prepares its SQL once per connection,
/// so a unit of work costs a handful of statement executions.
/// </summary>
internal sealed class SqliteWriteSession : IWriteSession, IDisposable
{
    private readonly PreparedStatements _sql;
    private readonly PayoutWrites _payouts;
    private readonly PayoutEventDispatcher _events;

    public SqliteWriteSession(SqliteConnection connection, PayoutEventDispatcher events)
    {
        _sql = new PreparedStatements(connection);
        _events = events;
        Ledger = new LedgerWrites(_sql);
        _payouts = new PayoutWrites(_sql);
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

    public void Execute(string sql) => _sql.Raw(sql).ExecuteNonQuery();

    /// <summary>Starts a unit of work: the payouts of the previous one are forgotten, whatever became of it.</summary>
    public void BeginUnit() => _payouts.Forget();

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
