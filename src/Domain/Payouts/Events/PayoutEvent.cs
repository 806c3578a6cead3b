using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Domain.Payouts.Events;

/// <summary>
/// What every payout event carries: enough for a listener to find the owner's balance account and move
/// the ledger by <paramref name="Amount"/> without loading the payout.
/// </summary>
/// <param name="PayoutId">The payout that changed.</param>
/// <param name="OwnerId">The user or merchant whose balance funds the payout.</param>
/// <param name="Amount">The payout amount, which is also the amount reserved for it.</param>
/// <param name="OccurredAt">When the change happened.</param>
public abstract record PayoutEvent(PayoutId PayoutId, string OwnerId, Money Amount, DateTimeOffset OccurredAt) : IDomainEvent;
