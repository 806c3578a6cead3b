using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>A payout was created; listeners reserve <see cref="PayoutEvent.Amount"/> on the owner's balance.</summary>
/// <param name="Kind">Cashout or merchant payout.</param>
/// <param name="Status">The first status: InitiationPending, or AwaitingRecipientDetails for a merchant payout without a destination.</param>
/// <param name="Provider">Lowercase provider name; empty until a merchant payout's recipient chooses one.</param>
/// <param name="Type">The cashout method type (seed 000), or "payout" for merchant payouts.</param>
public sealed record PayoutCreated(
    PayoutId PayoutId, string OwnerId, Money Amount, PayoutKind Kind, PayoutStatus Status, string Provider, string Type, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
