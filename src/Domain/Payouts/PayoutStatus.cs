namespace Payouts.Domain.Payouts;

/// <summary>
/// The detailed lifecycle. The INITIATION_* values are seed 002's statuses; the others cover what seed 002
/// does not: waiting for the recipient's details (seed 001's hosted form), cancellation before any provider
/// was asked, and money the provider returned after a completed payout.
/// </summary>
public enum PayoutStatus
{
    /// <summary>Merchant payout whose recipient has not yet entered payout details.</summary>
    AwaitingRecipientDetails,

    /// <summary>Ready to be sent; funds reserved; no provider asked yet (INITIATION_PENDING).</summary>
    InitiationPending,

    /// <summary>Sent to the provider, outcome not known yet (INITIATION_PROCESSING).</summary>
    InitiationProcessing,

    /// <summary>The provider paid (INITIATION_COMPLETED).</summary>
    InitiationCompleted,

    /// <summary>Refused by us or the provider for a business reason (INITIATION_REJECTED).</summary>
    InitiationRejected,

    /// <summary>Failed for a technical or provider reason (INITIATION_FAILED).</summary>
    InitiationFailed,

    /// <summary>Cancelled before any provider was asked.</summary>
    Cancelled,

    /// <summary>Completed, then the provider returned the money (e.g. a closed recipient account).</summary>
    Returned,
}
