using Microsoft.Data.Sqlite;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>The writer's SQL, each statement compiled once, parameters bound by position ($1, $2...).</summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, Statement> _raw = new(StringComparer.Ordinal);

    public Statement FindAccount { get; } = new(connection, "SELECT Id, Available, Reserved, Version FROM BalanceAccounts WHERE OwnerId = $1 AND Currency = $2");
    public Statement AddAccount { get; } = new(connection, "INSERT INTO BalanceAccounts (Id, OwnerId, Currency, Available, Reserved, Version) VALUES ($1, $2, $3, $4, $5, $6)");
    public Statement UpdateAccount { get; } = new(connection, "UPDATE BalanceAccounts SET Available = $1, Reserved = $2, Version = $3 WHERE Id = $4 AND Version = $5");
    public Statement FindEntry { get; } = new(connection, "SELECT Id, Amount, CreatedAtMs FROM LedgerEntries WHERE AccountId = $1 AND Kind = $2 AND Reference = $3");
    public Statement AddEntry { get; } = new(connection, "INSERT INTO LedgerEntries (Id, AccountId, Kind, Amount, Reference, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");
    public Statement SaveCashoutMethod { get; } = new(connection,
        "INSERT INTO CashoutMethods (OwnerId, Provider, Status, Reference, CreatedAtMs, UpdatedAtMs, LinkNonce) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (OwnerId, Provider) DO UPDATE SET Status = excluded.Status, Reference = excluded.Reference, UpdatedAtMs = excluded.UpdatedAtMs, LinkNonce = excluded.LinkNonce");
    public Statement AddPayout { get; } = new(connection,
        "INSERT INTO Payouts (Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
    public Statement FindPayout { get; } = new(connection,
        "SELECT Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version FROM Payouts WHERE Id = $1");
    public Statement UpdatePayout { get; } = new(connection,
        "UPDATE Payouts SET Status = $1, ProviderReference = $2, FailureReason = $3, UpdatedAtMs = $4, Version = $5, Provider = $6 WHERE Id = $7 AND Version = $8");
    public Statement FindCashoutMethod { get; } = new(connection, "SELECT Status, Reference, UpdatedAtMs, LinkNonce FROM CashoutMethods WHERE OwnerId = $1 AND Provider = $2");
    public Statement FindCashoutMethodsByReference { get; } = new(connection, "SELECT OwnerId, Status, UpdatedAtMs, LinkNonce FROM CashoutMethods WHERE Provider = $1 AND Reference = $2");
    public Statement FindDispatch { get; } = new(connection, "SELECT Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient FROM PayoutDispatches WHERE PayoutId = $1");
    public Statement SaveDispatch { get; } = new(connection,
        "INSERT INTO PayoutDispatches (PayoutId, Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (PayoutId) DO UPDATE SET Stage = excluded.Stage, Attempts = excluded.Attempts, NextAttemptAtMs = excluded.NextAttemptAtMs, " +
        "LastError = excluded.LastError, UpdatedAtMs = excluded.UpdatedAtMs");
    public Statement DeleteOutbox { get; } = new(connection, "DELETE FROM OutboxMessages WHERE Id = $1");
    public Statement AddOutbox { get; } = new(connection, "INSERT INTO OutboxMessages (Type, Payload, CreatedAtMs) VALUES ($1, $2, $3)");
    public Statement AddWebhookDelivery { get; } = new(connection,
        "INSERT INTO WebhookDeliveries (MerchantId, PayoutId, Sequence, EventType, Payload, Url, Status, Attempts, NextAttemptAtMs, CreatedAtMs, DeliveredAtMs, LastError) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
    public Statement UpdateWebhookDelivery { get; } = new(connection,
        "UPDATE WebhookDeliveries SET Status = $1, Attempts = $2, NextAttemptAtMs = $3, DeliveredAtMs = $4, LastError = $5 WHERE Id = $6");
    public Statement SupersedeWebhookDeliveries { get; } = new(connection,
        "UPDATE WebhookDeliveries SET Status = 'Abandoned', NextAttemptAtMs = NULL, LastError = $3 WHERE PayoutId = $1 AND Sequence < $2 AND Status = 'Pending'");
    public Statement AddWebhookAttempt { get; } = new(connection,
        "INSERT INTO WebhookAttempts (DeliveryId, AttemptedAtMs, StatusCode, Error, DurationMs) VALUES ($1, $2, $3, $4, $5)");
    public Statement AddMerchantPayout { get; } = new(connection,
        "INSERT INTO MerchantPayouts (PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs, ContentHash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)");
    public Statement FindMerchantPayout { get; } = new(connection, "SELECT PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs FROM MerchantPayouts WHERE PayoutId = $1");
    public Statement FindMerchantPayoutByExternalId { get; } = new(connection,
        "SELECT PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs FROM MerchantPayouts WHERE MerchantId = $1 AND ExternalId = $2");
    public Statement FindMerchantPayoutByContent { get; } = new(connection,
        "SELECT m.PayoutId, m.MerchantId, m.ExternalId, m.Description, m.MetadataJson, m.RedirectUrl, m.WebhookUrl, m.CustomerId, m.CustomerName, m.RefId, m.OnBehalfOfId, m.DestinationJson, m.FormExpiresAtMs, m.FormUsedAtMs " +
        "FROM MerchantPayouts m JOIN Payouts p ON p.Id = m.PayoutId WHERE m.MerchantId = $1 AND m.ContentHash = $2 AND p.CreatedAtMs >= $3 ORDER BY m.PayoutId DESC LIMIT 1");
    public Statement CompleteMerchantPayoutForm { get; } = new(connection,
        "UPDATE MerchantPayouts SET DestinationJson = $1, FormUsedAtMs = $2 WHERE PayoutId = $3");
    public Statement CloseMerchantPayoutForm { get; } = new(connection,
        "UPDATE MerchantPayouts SET FormUsedAtMs = $1 WHERE PayoutId = $2 AND FormUsedAtMs IS NULL");
    public Statement FindDefaultWebhookUrl { get; } = new(connection, "SELECT DefaultWebhookUrl FROM MerchantSettings WHERE MerchantId = $1");
    public Statement SaveDefaultWebhookUrl { get; } = new(connection,
        "INSERT INTO MerchantSettings (MerchantId, DefaultWebhookUrl, UpdatedAtMs) VALUES ($1, $2, $3) " +
        "ON CONFLICT (MerchantId) DO UPDATE SET DefaultWebhookUrl = excluded.DefaultWebhookUrl, UpdatedAtMs = excluded.UpdatedAtMs");
    public Statement AddMerchantToken { get; } = new(connection,
        "INSERT INTO MerchantTokens (Id, MerchantId, TokenHash, Permissions, CreatedAtMs, RevokedAtMs) VALUES ($1, $2, $3, $4, $5, NULL)");
    public Statement RevokeMerchantToken { get; } = new(connection, "UPDATE MerchantTokens SET RevokedAtMs = $1 WHERE Id = $2 AND RevokedAtMs IS NULL");
    public Statement SaveIdempotency { get; } = new(connection,
        "INSERT INTO IdempotencyRecords (CallerId, Key, RequestJson, ResponseJson, ErrorJson, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");

    /// <summary>A parameterless statement such as SAVEPOINT, compiled once and reused.</summary>
    public Statement Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = new Statement(connection, sql);
            _raw.Add(sql, statement);
        }

        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in Statements().Concat(_raw.Values))
        {
            statement.Dispose();
        }
    }

    private IEnumerable<Statement> Statements() =>
        [
            FindAccount, AddAccount, UpdateAccount, FindEntry, AddEntry, SaveCashoutMethod, AddPayout, FindPayout, UpdatePayout,
            FindCashoutMethod, FindCashoutMethodsByReference, FindDispatch, SaveDispatch, DeleteOutbox, AddOutbox, SaveIdempotency,
            AddWebhookDelivery, UpdateWebhookDelivery, AddWebhookAttempt, SupersedeWebhookDeliveries, AddMerchantToken, RevokeMerchantToken,
            AddMerchantPayout, FindMerchantPayout, FindMerchantPayoutByExternalId, FindMerchantPayoutByContent, CompleteMerchantPayoutForm,
            FindDefaultWebhookUrl, SaveDefaultWebhookUrl, CloseMerchantPayoutForm,
        ];
}
