namespace Payouts.Domain.CashoutMethods;

/// <summary>Where a user's cashout method stands with its provider.</summary>
public enum LinkStatus
{
    /// <summary>A link was started, or the provider still reviews the account: no cashout goes there yet.</summary>
    Pending,

    /// <summary>The provider confirmed the account: cashouts may be paid to it.</summary>
    Linked,

    /// <summary>The user unlinked it; kept for history.</summary>
    Unlinked,
}
