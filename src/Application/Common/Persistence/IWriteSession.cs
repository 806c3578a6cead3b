namespace Payouts.Application.Common.Persistence;

/// <summary>
/// What a unit of work may read and write, by area, so each handler names what it touches. Everything it reads is
/// the latest committed state plus the changes of the units before it in the same group, because one writer
/// applies them in order. A write that returns nothing may run later than its call (with the unit's next read, or at
/// its end), so the exception of one that fails (a row changed concurrently, a constraint) may come from a later call:
/// either way the unit fails and nothing of it is written.
/// </summary>
public interface IWriteSession
{
    ILedgerWrites Ledger { get; }

    IPayoutWrites Payouts { get; }

    ICashoutMethodWrites CashoutMethods { get; }

    IDispatchWrites Dispatches { get; }

    IOutboxWrites Outbox { get; }

    IMerchantPayoutWrites MerchantPayouts { get; }

    IMerchantWrites Merchants { get; }

    IWebhookWrites Webhooks { get; }
}
