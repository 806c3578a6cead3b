using Payouts.Domain.Amounts;
using Payouts.Domain.Ledger;

namespace Payouts.Application.Common.Persistence;

/// <summary>Balance accounts and their ledger entries.</summary>
public interface ILedgerWrites
{
    BalanceAccount? FindAccount(string ownerId, Currency currency);

    /// <summary>
    /// Says the unit will find this account (<see cref="FindAccount"/>) before it changes anything of it: where the
    /// database is across a network (PostgreSQL), the read goes with the unit's next statement instead of a round trip
    /// of its own. Elsewhere it does nothing.
    /// </summary>
    void ReadAhead(string ownerId, Currency currency);

    /// <summary>
    /// False when the owner already has an account in that currency: another replica's unit opened it since this one
    /// looked (PostgreSQL makes the insert wait for that unit's commit), so find it again and use that one.
    /// </summary>
    bool TryAddAccount(BalanceAccount account);

    /// <summary>Writes the account only if it still has <paramref name="expectedVersion"/>; the database re-checks that neither side went negative.</summary>
    void UpdateAccount(BalanceAccount account, long expectedVersion);

    LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference);

    void AddEntry(LedgerEntry entry);
}
