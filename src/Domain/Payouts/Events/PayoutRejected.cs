using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The payout was refused for a business reason; listeners void the reservation.</summary>
/// <param name="From">The status it was rejected from (pending or processing).</param>
/// <param name="Reason">Why, safe to show to the owner.</param>
public sealed record PayoutRejected(
    PayoutId PayoutId, string OwnerId, Money Amount, PayoutStatus From, string Reason, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
