using Microsoft.Data.Sqlite;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>The writer's SQL, one command per statement, parameters bound by position ($1, $2...).</summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _raw = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteCommand FindAccount { get; } = Create(connection, "SELECT Id, Available, Reserved, Version FROM BalanceAccounts WHERE OwnerId = $1 AND Currency = $2");
    public SqliteCommand AddAccount { get; } = Create(connection, "INSERT INTO BalanceAccounts (Id, OwnerId, Currency, Available, Reserved, Version) VALUES ($1, $2, $3, $4, $5, $6)");
    public SqliteCommand UpdateAccount { get; } = Create(connection, "UPDATE BalanceAccounts SET Available = $1, Reserved = $2, Version = $3 WHERE Id = $4 AND Version = $5");
    public SqliteCommand FindEntry { get; } = Create(connection, "SELECT Id, Amount, CreatedAtMs FROM LedgerEntries WHERE AccountId = $1 AND Kind = $2 AND Reference = $3");
    public SqliteCommand AddEntry { get; } = Create(connection, "INSERT INTO LedgerEntries (Id, AccountId, Kind, Amount, Reference, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");
    public SqliteCommand SaveCashoutMethod { get; } = Create(connection,
        "INSERT INTO CashoutMethods (OwnerId, Provider, Status, Reference, CreatedAtMs, UpdatedAtMs, LinkNonce) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (OwnerId, Provider) DO UPDATE SET Status = excluded.Status, Reference = excluded.Reference, UpdatedAtMs = excluded.UpdatedAtMs, LinkNonce = excluded.LinkNonce");
    public SqliteCommand AddPayout { get; } = Create(connection,
        "INSERT INTO Payouts (Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
    public SqliteCommand FindPayout { get; } = Create(connection,
        "SELECT Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version FROM Payouts WHERE Id = $1");
    public SqliteCommand UpdatePayout { get; } = Create(connection,
        "UPDATE Payouts SET Status = $1, ProviderReference = $2, FailureReason = $3, UpdatedAtMs = $4, Version = $5, Provider = $6 WHERE Id = $7 AND Version = $8");
    public SqliteCommand FindCashoutMethod { get; } = Create(connection, "SELECT Status, Reference, UpdatedAtMs, LinkNonce FROM CashoutMethods WHERE OwnerId = $1 AND Provider = $2");
    public SqliteCommand FindCashoutMethodsByReference { get; } = Create(connection, "SELECT OwnerId, Status, UpdatedAtMs FROM CashoutMethods WHERE Provider = $1 AND Reference = $2");
    public SqliteCommand FindDispatch { get; } = Create(connection, "SELECT Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient FROM PayoutDispatches WHERE PayoutId = $1");
    public SqliteCommand SaveDispatch { get; } = Create(connection,
        "INSERT INTO PayoutDispatches (PayoutId, Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (PayoutId) DO UPDATE SET Stage = excluded.Stage, Attempts = excluded.Attempts, NextAttemptAtMs = excluded.NextAttemptAtMs, " +
        "LastError = excluded.LastError, UpdatedAtMs = excluded.UpdatedAtMs");
    public SqliteCommand DeleteOutbox { get; } = Create(connection, "DELETE FROM OutboxMessages WHERE Id = $1");
    public SqliteCommand AddOutbox { get; } = Create(connection, "INSERT INTO OutboxMessages (Type, Payload, CreatedAtMs) VALUES ($1, $2, $3)");
    public SqliteCommand AddWebhookDelivery { get; } = Create(connection,
        "INSERT INTO WebhookDeliveries (MerchantId, PayoutId, Sequence, EventType, Payload, Url, Status, Attempts, NextAttemptAtMs, CreatedAtMs, DeliveredAtMs, LastError) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
    public SqliteCommand UpdateWebhookDelivery { get; } = Create(connection,
        "UPDATE WebhookDeliveries SET Status = $1, Attempts = $2, NextAttemptAtMs = $3, DeliveredAtMs = $4, LastError = $5 WHERE Id = $6");
    public SqliteCommand SupersedeWebhookDeliveries { get; } = Create(connection,
        "UPDATE WebhookDeliveries SET Status = 'Abandoned', NextAttemptAtMs = NULL, LastError = $3 WHERE PayoutId = $1 AND Sequence < $2 AND Status = 'Pending'");
    public SqliteCommand AddWebhookAttempt { get; } = Create(connection,
        "INSERT INTO WebhookAttempts (DeliveryId, AttemptedAtMs, StatusCode, Error, DurationMs) VALUES ($1, $2, $3, $4, $5)");
    public SqliteCommand AddMerchantPayout { get; } = Create(connection,
        "INSERT INTO MerchantPayouts (PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
    public SqliteCommand FindMerchantPayout { get; } = Create(connection, "SELECT PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs FROM MerchantPayouts WHERE PayoutId = $1");
    public SqliteCommand FindMerchantPayoutByExternalId { get; } = Create(connection,
        "SELECT PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs FROM MerchantPayouts WHERE MerchantId = $1 AND ExternalId = $2");
    public SqliteCommand CompleteMerchantPayoutForm { get; } = Create(connection,
        "UPDATE MerchantPayouts SET DestinationJson = $1, FormUsedAtMs = $2 WHERE PayoutId = $3");
    public SqliteCommand CloseMerchantPayoutForm { get; } = Create(connection,
        "UPDATE MerchantPayouts SET FormUsedAtMs = $1 WHERE PayoutId = $2 AND FormUsedAtMs IS NULL");
    public SqliteCommand FindDefaultWebhookUrl { get; } = Create(connection, "SELECT DefaultWebhookUrl FROM MerchantSettings WHERE MerchantId = $1");
    public SqliteCommand SaveDefaultWebhookUrl { get; } = Create(connection,
        "INSERT INTO MerchantSettings (MerchantId, DefaultWebhookUrl, UpdatedAtMs) VALUES ($1, $2, $3) " +
        "ON CONFLICT (MerchantId) DO UPDATE SET DefaultWebhookUrl = excluded.DefaultWebhookUrl, UpdatedAtMs = excluded.UpdatedAtMs");
    public SqliteCommand AddMerchantToken { get; } = Create(connection,
        "INSERT INTO MerchantTokens (Id, MerchantId, TokenHash, Permissions, CreatedAtMs, RevokedAtMs) VALUES ($1, $2, $3, $4, $5, NULL)");
    public SqliteCommand RevokeMerchantToken { get; } = Create(connection, "UPDATE MerchantTokens SET RevokedAtMs = $1 WHERE Id = $2 AND RevokedAtMs IS NULL");
    public SqliteCommand SaveIdempotency { get; } = Create(connection,
        "INSERT INTO IdempotencyRecords (CallerId, Key, RequestJson, ResponseJson, ErrorJson, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");

    public void UseTransaction(SqliteTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in Commands())
        {
            command.Transaction = transaction;
        }
    }

    /// <summary>A parameterless statement such as SAVEPOINT, compiled once and reused.</summary>
    public SqliteCommand Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var command))
        {
            command = Create(connection, sql);
            _raw.Add(sql, command);
        }

        command.Transaction = _transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in Commands().Concat(_raw.Values))
        {
            command.Dispose();
        }
    }

    private IEnumerable<SqliteCommand> Commands() =>
        [
            FindAccount, AddAccount, UpdateAccount, FindEntry, AddEntry, SaveCashoutMethod, AddPayout, FindPayout, UpdatePayout,
            FindCashoutMethod, FindCashoutMethodsByReference, FindDispatch, SaveDispatch, DeleteOutbox, AddOutbox, SaveIdempotency,
            AddWebhookDelivery, UpdateWebhookDelivery, AddWebhookAttempt, SupersedeWebhookDeliveries, AddMerchantToken, RevokeMerchantToken,
            AddMerchantPayout, FindMerchantPayout, FindMerchantPayoutByExternalId, CompleteMerchantPayoutForm,
            FindDefaultWebhookUrl, SaveDefaultWebhookUrl, CloseMerchantPayoutForm,
        ];

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

internal static class SqliteCommandExtensions
{
    /// <summary>Binds positional parameters $1..$n, created on first use and then only given new values; null becomes SQL NULL.</summary>
    public static SqliteCommand With(this SqliteCommand command, params object?[] values)
    {
        for (var i = command.Parameters.Count; i < values.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"${i + 1}" });
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
