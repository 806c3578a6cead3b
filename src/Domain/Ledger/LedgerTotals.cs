namespace Payouts.Domain.Ledger;

/// <summary>
/// Sums of a ledger's entries in 128-bit integers, so that summing can never overflow and the check
/// in <see cref="BalanceAccount.IsConsistent"/> cannot be fooled by wrap-around.
/// </summary>
internal readonly record struct LedgerTotals(Int128 Available, Int128 Reserved)
{
    /// <summary>The totals, or null when an entry is not this account's or has a non-positive amount.</summary>
    public static LedgerTotals? Of(BalanceAccount account, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(entries);

        Int128 available = 0;
        Int128 reserved = 0;
        foreach (var entry in entries)
        {
            if (entry.AccountId != account.Id || entry.Amount <= 0)
            {
                return null;
            }

            (available, reserved) = entry.Kind switch
            {
                EntryKind.Credit or EntryKind.Reversal => (available + entry.Amount, reserved),
                EntryKind.Reserve => (available - entry.Amount, reserved + entry.Amount),
                EntryKind.Post => (available, reserved - entry.Amount),
                EntryKind.Void => (available + entry.Amount, reserved - entry.Amount),
                _ => throw new ArgumentOutOfRangeException(nameof(entries), entry.Kind, "Unknown entry kind."),
            };
        }

        return new LedgerTotals(available, reserved);
    }
}
