using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Application.Payouts.Events;

/// <summary>
/// The ledger move each payout event implies, in one table: the amount is reserved when the payout is created,
/// posted when the provider pays, voided when the payout is rejected, fails or is cancelled, and credited back
/// when a paid payout is returned. An event without a rule here is a bug, never a payout that moves no money.
/// </summary>
internal static class PayoutLedger
{
    public static Result Move(ILedgerWrites ledger, IDomainEvent domainEvent) => domainEvent switch
    {
        PayoutCreated created => Apply(ledger, created, EntryKind.Reserve),
        PayoutCompleted completed => Apply(ledger, completed, EntryKind.Post),
        PayoutRejected rejected => Apply(ledger, rejected, EntryKind.Void),
        PayoutFailed failed => Apply(ledger, failed, EntryKind.Void),
        PayoutCancelled cancelled => Apply(ledger, cancelled, EntryKind.Void),
        PayoutReturned returned => Apply(ledger, returned, EntryKind.Reversal),
        PayoutProcessingStarted or PayoutRecipientDetailsProvided => Result.Success,
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "No ledger rule for this payout event."),
    };

    private static Result Apply(ILedgerWrites ledger, PayoutEvent payoutEvent, EntryKind kind)
    {
        var amount = payoutEvent.Amount;

        // Never credited means a zero balance, and the ledger itself then refuses the reservation. Any later move
        // needs the account the reservation was made on: its absence is a broken invariant.
        var account = ledger.FindAccount(payoutEvent.OwnerId, amount.Currency)
            ?? (kind == EntryKind.Reserve
                ? BalanceAccount.Open(Guid.NewGuid(), payoutEvent.OwnerId, amount.Currency)
                : throw new InvalidOperationException($"Payout {payoutEvent.PayoutId} has no balance account."));
        var version = account.Version;
        var reference = payoutEvent.PayoutId.ToString();
        var at = payoutEvent.OccurredAt;
        var entry = kind switch
        {
            EntryKind.Reserve => account.Reserve(amount.Minor, reference, at),
            EntryKind.Post => account.Post(amount.Minor, reference, at),
            EntryKind.Void => account.Void(amount.Minor, reference, at),
            EntryKind.Reversal => account.Reverse(amount.Minor, reference, at),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a payout's ledger move."),
        };
        if (!entry.IsSuccess)
        {
            return entry.Error;
        }

        ledger.UpdateAccount(account, version);
        ledger.AddEntry(entry.Value);
        return Result.Success;
    }
}
