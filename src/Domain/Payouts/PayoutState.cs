namespace Payouts.Domain.Payouts;

/// <summary>
/// The coarse public view of seed 001 (pending, succeeded, failed), plus cancelled, which seed 001 lacks
/// but a client must not mistake for a failure of the provider.
/// </summary>
public enum PayoutState
{
    /// <summary>Not final yet.</summary>
    Pending,

    /// <summary>The recipient was paid.</summary>
    Succeeded,

    /// <summary>The recipient was not paid (rejected, failed, or paid and then returned).</summary>
    Failed,

    /// <summary>Cancelled before any provider was asked.</summary>
    Cancelled,
}
