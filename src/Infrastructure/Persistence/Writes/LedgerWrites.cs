using Payouts.Application.Common.Persistence;
using Payouts.Domain.Amounts;
using Payouts.Domain.Ledger;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class LedgerWrites(PreparedStatements sql) : ILedgerWrites
{
    private readonly Statement _findAccount = sql.PrepareLocking("SELECT Id, Available, Reserved, Version FROM BalanceAccounts WHERE OwnerId = $1 AND Currency = $2");
    private readonly Statement _addAccount = sql.Prepare(
        "INSERT INTO BalanceAccounts (Id, OwnerId, Currency, Available, Reserved, Version) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (OwnerId, Currency) DO NOTHING");
    private readonly Statement _updateAccount = sql.Prepare("UPDATE BalanceAccounts SET Available = $1, Reserved = $2, Version = $3 WHERE Id = $4 AND Version = $5");
    private readonly Statement _findEntry = sql.Prepare("SELECT Id, Amount, CreatedAtMs FROM LedgerEntries WHERE AccountId = $1 AND Kind = $2 AND Reference = $3");
    private readonly Statement _addEntry = sql.Prepare("INSERT INTO LedgerEntries (Id, AccountId, Kind, Amount, Reference, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");

    // The account the unit said it will find, once read ahead; asked for once, and forgotten when the unit ends.
    private AccountReadAhead? _ahead;

    public BalanceAccount? FindAccount(string ownerId, Currency currency)
    {
        var ahead = _ahead;
        _ahead = null;
        if (ahead is { HasArrived: true } && ahead.OwnerId == ownerId && ahead.Currency == currency)
        {
            return ahead.Account;
        }

        using var reader = _findAccount.With(ownerId, currency.Code).ExecuteReader();
        return Account(reader, ownerId, currency);
    }

    public void ReadAhead(string ownerId, Currency currency)
    {
        var ahead = new AccountReadAhead(ownerId, currency);
        _ahead = ahead;
        _findAccount.With(ownerId, currency.Code).ReadBeforeNext(rows => ahead.Arrived(Account(rows, ownerId, currency)));
    }

    /// <summary>Drops an account read ahead and not asked for, as a unit starts: a unit reads its own.</summary>
    public void Forget() => _ahead = null;

    public bool TryAddAccount(BalanceAccount account) => _addAccount
        .With(account.Id.ToString(), account.OwnerId, account.Currency.Code, account.Available, account.Reserved, account.Version)
        .ExecuteNonQuery() == 1;

    public void UpdateAccount(BalanceAccount account, long expectedVersion)
    {
        var id = account.Id.ToString();
        _updateAccount.With(account.Available, account.Reserved, account.Version, id, expectedVersion).ExecuteChangingOneRow("Balance account", id);
    }

    public LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference)
    {
        using var reader = _findEntry.With(accountId.ToString(), kind.ToString(), reference).ExecuteReader();
        return reader.Read()
            ? new LedgerEntry(Guid.Parse(reader.GetString(0)), accountId, kind, reader.GetInt64(1), reference, RowMapping.FromMs(reader.GetInt64(2)))
            : null;
    }

    public void AddEntry(LedgerEntry entry)
    {
        var id = entry.Id.ToString();
        _addEntry
            .With(id, entry.AccountId.ToString(), entry.Kind.ToString(), entry.Amount, entry.Reference, RowMapping.ToMs(entry.CreatedAt))
            .ExecuteChangingOneRow("Ledger entry", id);
    }

    private static BalanceAccount? Account(Statement.Rows reader, string ownerId, Currency currency) => reader.Read()
        ? BalanceAccount.Restore(Guid.Parse(reader.GetString(0)), ownerId, currency, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))
        : null;

    private sealed class AccountReadAhead(string ownerId, Currency currency)
    {
        public string OwnerId { get; } = ownerId;

        public Currency Currency { get; } = currency;

        public bool HasArrived { get; private set; }

        public BalanceAccount? Account { get; private set; }

        public void Arrived(BalanceAccount? account)
        {
            Account = account;
            HasArrived = true;
        }
    }
}
