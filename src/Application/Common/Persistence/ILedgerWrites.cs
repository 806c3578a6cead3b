using Payouts.Domain.Amounts;
using Payouts.Domain.Ledger;

namespace Payouts.Application.Common.Persistence;

/// <summary>Balance accounts and their ledger entries.</summary>
public interface ILedgerWrites
{
    BalanceAccount? FindAccount(string ownerId, Currency currency);

    void AddAccount(BalanceAccount account);

    /// <summary>Writes the account only if it still has <paramref name="expectedVersion"/>; the database re-checks that neither side went negative.</summary>
    void UpdateAccount(BalanceAccount account, long expectedVersion);

    LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference);

    void AddEntry(LedgerEntry entry);
}
