using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The payout was cancelled before any provider was asked; listeners void the reservation.</summary>
/// <param name="From">The status it was cancelled from (awaiting recipient details or pending).</param>
public sealed record PayoutCancelled(PayoutId PayoutId, string OwnerId, Money Amount, PayoutStatus From, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
