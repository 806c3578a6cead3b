using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Domain.Ledger;

/// <summary>
/// The balance of one owner in one currency, moved only by <see cref="LedgerEntry"/> values. Every operation
/// either returns the entry it applied (and the caller persists both) or an error and leaves the account as it was.
/// Invariants: <see cref="Available"/> ≥ 0, <see cref="Reserved"/> ≥ 0, and both equal the sums of the entries.
/// </summary>
public sealed class BalanceAccount
{
    private BalanceAccount(Guid id, string ownerId, Currency currency, long available, long reserved, long version)
    {
        Id = id;
        OwnerId = ownerId;
        Currency = currency;
        Available = available;
        Reserved = reserved;
        Version = version;
    }

    /// <summary>The account id.</summary>
    public Guid Id { get; }

    /// <summary>The user or merchant whose money this is.</summary>
    public string OwnerId { get; }

    /// <summary>The currency of every amount on this account.</summary>
    public Currency Currency { get; }

    /// <summary>Minor units that can be reserved for new payouts.</summary>
    public long Available { get; private set; }

    /// <summary>Minor units held for payouts that are neither paid nor failed yet.</summary>
    public long Reserved { get; private set; }

    /// <summary>Incremented once per applied entry, for optimistic concurrency.</summary>
    public long Version { get; private set; }

    /// <summary>A new, empty account.</summary>
    public static BalanceAccount Open(Guid id, string ownerId, Currency currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(currency);
        return new BalanceAccount(id, ownerId, currency, 0, 0, 0);
    }

    /// <summary>Rebuilds a persisted account; refuses state that breaks the invariants rather than carry it on.</summary>
    public static BalanceAccount Restore(Guid id, string ownerId, Currency currency, long available, long reserved, long version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        ArgumentOutOfRangeException.ThrowIfNegative(reserved);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new BalanceAccount(id, ownerId, currency, available, reserved, version);
    }

    /// <summary>Money in: available += amount.</summary>
    public Result<LedgerEntry> Credit(long amount, string reference, DateTimeOffset now) =>
        Apply(EntryKind.Credit, amount, reference, now, () =>
            Fits(Available, amount) ? (Available + amount, Reserved) : LedgerErrors.Overflow());

    /// <summary>Holds money for a payout; refused when available is short, so available never goes negative.</summary>
    public Result<LedgerEntry> Reserve(long amount, string reference, DateTimeOffset now) =>
        Apply(EntryKind.Reserve, amount, reference, now, () =>
            amount > Available ? LedgerErrors.InsufficientBalance()
            : Fits(Reserved, amount) ? (Available - amount, Reserved + amount)
            : LedgerErrors.Overflow());

    /// <summary>The provider paid: the reserved amount leaves the account for good.</summary>
    public Result<LedgerEntry> Post(long amount, string reference, DateTimeOffset now) =>
        Apply(EntryKind.Post, amount, reference, now, () =>
            amount > Reserved ? LedgerErrors.ReservationExceeded(amount, Reserved) : (Available, Reserved - amount));

    /// <summary>The payout failed, was rejected or cancelled: the reserved amount becomes available again.</summary>
    public Result<LedgerEntry> Void(long amount, string reference, DateTimeOffset now) =>
        Apply(EntryKind.Void, amount, reference, now, () =>
            amount > Reserved ? LedgerErrors.ReservationExceeded(amount, Reserved)
            : Fits(Available, amount) ? (Available + amount, Reserved - amount)
            : LedgerErrors.Overflow());

    /// <summary>The provider returned a paid-out amount: it is credited back to available.</summary>
    public Result<LedgerEntry> Reverse(long amount, string reference, DateTimeOffset now) =>
        Apply(EntryKind.Reversal, amount, reference, now, () =>
            Fits(Available, amount) ? (Available + amount, Reserved) : LedgerErrors.Overflow());

    /// <summary>
    /// Whether the balances equal the sums of the entries (available = credits − reserves + voids + reversals,
    /// reserved = reserves − posts − voids) and are non-negative. Entries of another account make it inconsistent.
    /// </summary>
    public static bool IsConsistent(BalanceAccount account, IEnumerable<LedgerEntry> entries) =>
        LedgerTotals.Of(account, entries) is { } totals
        && totals.Available == account.Available && totals.Reserved == account.Reserved
        && account.Available >= 0 && account.Reserved >= 0;

    private static bool Fits(long balance, long amount) => balance <= long.MaxValue - amount;

    private Result<LedgerEntry> Apply(
        EntryKind kind, long amount, string reference, DateTimeOffset now, Func<Result<(long Available, long Reserved)>> next)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (amount <= 0)
        {
            return LedgerErrors.InvalidAmount(amount);
        }

        var balances = next();
        if (!balances.IsSuccess)
        {
            return balances.Error;
        }

        (Available, Reserved) = balances.Value;
        Version++;
        return new LedgerEntry(Guid.CreateVersion7(now), Id, kind, amount, reference, now);
    }
}
