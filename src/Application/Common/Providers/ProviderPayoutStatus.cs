namespace Payouts.Application.Common.Providers;

/// <summary>Our reading of a provider's status; each adapter keeps its own mapping table next to it.</summary>
public enum ProviderPayoutState
{
    /// <summary>The provider has no payout under our id.</summary>
    NotFound,

    /// <summary>Accepted, not yet paying (may still be cancelled at some providers).</summary>
    Pending,

    /// <summary>Being paid; not final.</summary>
    Processing,

    /// <summary>Paid.</summary>
    Completed,

    /// <summary>Refused by the provider or the recipient's bank for a business reason.</summary>
    Rejected,

    /// <summary>Failed for a technical reason.</summary>
    Failed,

    /// <summary>Cancelled before paying.</summary>
    Cancelled,

    /// <summary>Paid, then the money came back (unclaimed, reversed, refunded).</summary>
    Returned,
}

/// <param name="State">Where the payout is.</param>
/// <param name="ProviderReference">The provider's id for it, when known.</param>
/// <param name="Reason">The provider's code and text for a rejection, failure or return.</param>
public sealed record ProviderPayoutStatus(ProviderPayoutState State, string? ProviderReference = null, string? Reason = null);
