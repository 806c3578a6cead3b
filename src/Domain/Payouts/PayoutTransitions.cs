using System.Collections.Frozen;
using static Payouts.Domain.Payouts.PayoutStatus;

namespace Payouts.Domain.Payouts;

/// <summary>
/// The payout lifecycle in one table. Every status change the aggregate makes must be listed here;
/// anything else is an illegal transition. Terminal statuses (rejected, failed, cancelled, returned) have no exits.
/// </summary>
internal static class PayoutTransitions
{
    private static readonly FrozenSet<(PayoutStatus From, PayoutStatus To)> Allowed = new[]
    {
        (AwaitingRecipientDetails, InitiationPending),
        (AwaitingRecipientDetails, Cancelled),
        (InitiationPending, InitiationProcessing),
        (InitiationPending, InitiationRejected),
        (InitiationPending, InitiationFailed),
        (InitiationPending, Cancelled),

        // No cancel from here: the provider has been asked and may pay whatever we decide.
        (InitiationProcessing, InitiationCompleted),
        (InitiationProcessing, InitiationRejected),
        (InitiationProcessing, InitiationFailed),
        (InitiationCompleted, Returned),
    }.ToFrozenSet();

    public static bool IsAllowed(PayoutStatus from, PayoutStatus to) => Allowed.Contains((from, to));

    /// <summary>
    /// Seed 001's public view. Returned counts as failed: the recipient did not keep the money and the owner
    /// got it back, so a client reconciling must treat it as unpaid, even though it once reported succeeded.
    /// </summary>
    public static PayoutState StateOf(PayoutStatus status) => status switch
    {
        AwaitingRecipientDetails or InitiationPending or InitiationProcessing => PayoutState.Pending,
        InitiationCompleted => PayoutState.Succeeded,
        InitiationRejected or InitiationFailed or Returned => PayoutState.Failed,
        Cancelled => PayoutState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown payout status."),
    };
}
