namespace Payouts.Domain.Ledger;

/// <summary>
/// How a ledger entry moves a balance account, two-phase like TigerBeetle's pending transfers:
/// funds are reserved when a payout is created, then posted when the provider pays or voided when it does not.
/// </summary>
public enum EntryKind
{
    /// <summary>Money in: available += amount.</summary>
    Credit,

    /// <summary>Hold for a payout: available → reserved.</summary>
    Reserve,

    /// <summary>The provider paid: the reserved amount leaves for good.</summary>
    Post,

    /// <summary>The payout failed, was rejected or cancelled: reserved → available.</summary>
    Void,

    /// <summary>The provider returned money after success: available += amount.</summary>
    Reversal,
}
