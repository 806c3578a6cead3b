using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>
/// The provider returned a completed payout's money; listeners credit it back with a reversal entry
/// (the reservation was already posted, so there is nothing to void).
/// </summary>
/// <param name="Reason">Why the provider returned it, safe to show to the owner.</param>
public sealed record PayoutReturned(PayoutId PayoutId, string OwnerId, Money Amount, string Reason, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
