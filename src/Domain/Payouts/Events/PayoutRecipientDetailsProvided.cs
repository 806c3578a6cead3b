using Payouts.Domain.Amounts;

namespace Payouts.Domain.Payouts.Events;

/// <summary>The recipient entered payout details on the hosted form; the payout is ready to send.</summary>
public sealed record PayoutRecipientDetailsProvided(PayoutId PayoutId, string OwnerId, Money Amount, DateTimeOffset OccurredAt)
    : PayoutEvent(PayoutId, OwnerId, Amount, OccurredAt);
