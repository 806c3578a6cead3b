namespace Payouts.Application.Common.Persistence;

/// <summary>
/// What a unit of work may read and write, by area, so each handler names what it touches. Everything it reads is
/// the latest committed state plus the changes of the units before it in the same group, because one writer
/// applies them in order.
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
