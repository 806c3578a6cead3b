using Microsoft.Data.Sqlite;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Amounts;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// <see cref="IWriteSession"/> over the writer's connection with prepared statements: the SQL is
/// compiled once per connection, so a unit of work costs a handful of statement executions.
/// </summary>
internal sealed class SqliteWriteSession(SqliteConnection connection) : IWriteSession, IDisposable
{
    private readonly PreparedStatements _sql = new(connection);

    public void Begin(SqliteTransaction transaction) => _sql.UseTransaction(transaction);

    public void Execute(string sql) => _sql.Raw(sql).ExecuteNonQuery();

    public BalanceAccount? FindAccount(string ownerId, Currency currency)
    {
        using var reader = _sql.FindAccount.With(ownerId, currency.Code).ExecuteReader();
        return reader.Read()
            ? BalanceAccount.Restore(Guid.Parse(reader.GetString(0)), ownerId, currency, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))
            : null;
    }

    public void AddAccount(BalanceAccount account) => _sql.AddAccount
        .With(account.Id.ToString(), account.OwnerId, account.Currency.Code, account.Available, account.Reserved, account.Version)
        .ExecuteNonQuery();

    public void UpdateAccount(BalanceAccount account, long expectedVersion)
    {
        var changed = _sql.UpdateAccount
            .With(account.Available, account.Reserved, account.Version, account.Id.ToString(), expectedVersion)
            .ExecuteNonQuery();
        if (changed != 1)
        {
            throw new InvalidOperationException($"Balance account {account.Id} changed concurrently (expected version {expectedVersion}).");
        }
    }

    public LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference)
    {
        using var reader = _sql.FindEntry.With(accountId.ToString(), kind.ToString(), reference).ExecuteReader();
        return reader.Read()
            ? new LedgerEntry(Guid.Parse(reader.GetString(0)), accountId, kind, reader.GetInt64(1), reference, RowMapping.FromMs(reader.GetInt64(2)))
            : null;
    }

    public void AddEntry(LedgerEntry entry) => _sql.AddEntry
        .With(entry.Id.ToString(), entry.AccountId.ToString(), entry.Kind.ToString(), entry.Amount, entry.Reference, RowMapping.ToMs(entry.CreatedAt))
        .ExecuteNonQuery();

    public bool IsCashoutMethodLinked(string ownerId, string provider) =>
        _sql.IsLinked.With(ownerId, provider).ExecuteScalar() is not null;

    public void SaveCashoutMethod(CashoutMethodLink link)
    {
        var ms = RowMapping.ToMs(link.UpdatedAt);
        _sql.SaveCashoutMethod.With(link.OwnerId, link.Provider, link.Status, link.Reference, ms, ms).ExecuteNonQuery();
    }

    public void AddPayout(Payout payout)
    {
        var row = RowMapping.ToRow(payout);
        _sql.AddPayout.With(
            row.Id, row.Kind, row.OwnerId, row.AmountMinor, row.Currency, row.Provider, row.Type, row.Status,
            row.ProviderReference, row.FailureReason, row.CreatedAtMs, row.UpdatedAtMs, row.Version).ExecuteNonQuery();
    }

    public void AddOutboxMessage(OutboxMessage message) =>
        _sql.AddOutbox.With(message.Type, message.Payload, RowMapping.ToMs(message.CreatedAt)).ExecuteNonQuery();

    public void SaveIdempotencyRecord(IdempotencyRecord record)
    {
        var row = RowMapping.ToRow(record);
        _sql.SaveIdempotency.With(row.CallerId, row.Key, row.RequestJson, row.ResponseJson, row.ErrorJson, row.CreatedAtMs).ExecuteNonQuery();
    }

    public void Dispose() => _sql.Dispose();
}
