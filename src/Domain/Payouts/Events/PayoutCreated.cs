using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>A payout was created; listeners reserve <see cref="PayoutEvent.Amount"/> on the owner's balance.</summary>
/// <param name="Kind">Cashout or merchant payout.</param>
/// <param name="Status">The first status: InitiationPending, or AwaitingRecipientDetails for a merchant payout without a destination.</param>
/// <param name="Provider">Who pays it; null until a merchant payout's recipient chooses a method.</param>
public sealed record PayoutCreated(
    PayoutId PayoutId, string OwnerId, Money Amount, PayoutKind Kind, PayoutStatus Status, Provider? Provider, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
