using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The provider paid; listeners post the reservation (the money leaves the balance for good).</summary>
/// <param name="ProviderReference">The provider's id for the payout.</param>
public sealed record PayoutCompleted(PayoutId PayoutId, string OwnerId, Money Amount, string? ProviderReference, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
