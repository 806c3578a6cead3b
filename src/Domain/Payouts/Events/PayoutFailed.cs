using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The payout failed for a technical or provider reason; listeners void the reservation.</summary>
/// <param name="From">The status it failed from (pending or processing).</param>
/// <param name="Reason">Why, safe to show to the owner.</param>
public sealed record PayoutFailed(
    PayoutId PayoutId, string OwnerId, Money Amount, PayoutStatus From, string Reason, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
