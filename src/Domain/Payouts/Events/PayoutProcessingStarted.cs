using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The provider accepted the payout for processing; from now on it can no longer be cancelled.</summary>
/// <param name="Provider">Who is paying it.</param>
/// <param name="ProviderReference">The provider's id for the payout, used to match its callbacks.</param>
public sealed record PayoutProcessingStarted(
    PayoutId PayoutId, string OwnerId, Money Amount, Provider Provider, string ProviderReference, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
