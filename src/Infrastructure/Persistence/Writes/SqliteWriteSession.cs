using Microsoft.Data.Sqlite;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Events;
using Payouts.Application.Webhooks;
using Payouts.Domain.Amounts;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// <see cref="IWriteSession"/> over the writer's connection with prepared statements: the SQL is
/// compiled once per connection, so a unit of work costs a handful of statement executions.
/// </summary>
internal sealed class SqliteWriteSession(SqliteConnection connection, PayoutEventDispatcher events) : IWriteSession, IDisposable
{
    private readonly PreparedStatements _sql = new(connection);

    // The payouts the current unit added or read, each with the version stored: the ones to save and dispatch.
    private readonly List<(Payout Payout, long StoredVersion)> _payouts = [];

    public void Execute(string sql) => _sql.Raw(sql).ExecuteNonQuery();

    /// <summary>Starts a unit of work: the payouts of the previous one are forgotten, whatever became of it.</summary>
    public void BeginUnit() => _payouts.Clear();

    /// <summary>
    /// Ends a unit whose work succeeded: saves each payout it changed, on the version it was read at, and
    /// dispatches the payout's events. The first side effect that fails is returned, and the unit must then be
    /// rolled back. (Indexed: a listener that reads a payout adds it, and it is dispatched too.)
    /// </summary>
    public Result SaveChanges()
    {
        for (var i = 0; i < _payouts.Count; i++)
        {
            var (payout, storedVersion) = _payouts[i];
            if (payout.Version != storedVersion)
            {
                UpdatePayout(payout, storedVersion);
            }

            var dispatched = events.Dispatch(this, payout);
            if (!dispatched.IsSuccess)
            {
                return dispatched;
            }
        }

        return Result.Success;
    }

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

    public void SaveCashoutMethod(CashoutMethodLink link)
    {
        var ms = RowMapping.ToMs(link.UpdatedAt);
        _sql.SaveCashoutMethod.With(link.OwnerId, link.Provider, link.Status.ToString(), link.Reference, ms, ms, link.LinkNonce).ExecuteNonQuery();
    }

    public void AddPayout(Payout payout)
    {
        var row = RowMapping.ToRow(payout);
        _sql.AddPayout.With(
            row.Id, row.Kind, row.OwnerId, row.AmountMinor, row.Currency, row.Provider, row.Type, row.Status,
            row.ProviderReference, row.FailureReason, row.CreatedAtMs, row.UpdatedAtMs, row.Version).ExecuteNonQuery();
        _payouts.Add((payout, payout.Version));
    }

    public Payout? FindPayout(PayoutId id)
    {
        var payout = ReadPayout(id);
        if (payout is not null)
        {
            _payouts.Add((payout, payout.Version));
        }

        return payout;
    }

    private Payout? ReadPayout(PayoutId id)
    {
        using var reader = _sql.FindPayout.With(id.Value).ExecuteReader();
        return reader.Read() ? RowMapping.FromRow(new PayoutRow
        {
            Id = reader.GetInt64(0),
            Kind = reader.GetString(1),
            OwnerId = reader.GetString(2),
            AmountMinor = reader.GetInt64(3),
            Currency = reader.GetString(4),
            Provider = reader.GetString(5),
            Type = reader.GetString(6),
            Status = reader.GetString(7),
            ProviderReference = reader.IsDBNull(8) ? null : reader.GetString(8),
            FailureReason = reader.IsDBNull(9) ? null : reader.GetString(9),
            CreatedAtMs = reader.GetInt64(10),
            UpdatedAtMs = reader.GetInt64(11),
            Version = reader.GetInt64(12),
        }) : null;
    }

    private void UpdatePayout(Payout payout, long expectedVersion)
    {
        var row = RowMapping.ToRow(payout);
        var changed = _sql.UpdatePayout
            .With(row.Status, row.ProviderReference, row.FailureReason, row.UpdatedAtMs, row.Version, row.Provider, row.Id, expectedVersion)
            .ExecuteNonQuery();
        if (changed != 1)
        {
            throw new InvalidOperationException($"Payout {row.Id} changed concurrently (expected version {expectedVersion}).");
        }
    }

    public CashoutMethodLink? FindCashoutMethod(string ownerId, string provider)
    {
        using var reader = _sql.FindCashoutMethod.With(ownerId, provider).ExecuteReader();
        return reader.Read()
            ? new CashoutMethodLink(
                ownerId, provider, Enum.Parse<LinkStatus>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), RowMapping.FromMs(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    public IReadOnlyList<CashoutMethodLink> FindCashoutMethodsByReference(string provider, string reference)
    {
        using var reader = _sql.FindCashoutMethodsByReference.With(provider, reference).ExecuteReader();
        var links = new List<CashoutMethodLink>();
        while (reader.Read())
        {
            // The nonce too: a method saved back without it would refuse the user's own callback still on its way.
            links.Add(new CashoutMethodLink(
                reader.GetString(0), provider, Enum.Parse<LinkStatus>(reader.GetString(1)), reference, RowMapping.FromMs(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return links;
    }

    public PayoutDispatch? FindDispatch(long payoutId)
    {
        using var reader = _sql.FindDispatch.With(payoutId).ExecuteReader();
        return reader.Read()
            ? new PayoutDispatch(
                payoutId,
                Enum.Parse<DispatchStage>(reader.GetString(0)),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : RowMapping.FromMs(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                RowMapping.FromMs(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    public void SaveDispatch(PayoutDispatch dispatch) => _sql.SaveDispatch
        .With(
            dispatch.PayoutId,
            dispatch.Stage.ToString(),
            dispatch.Attempts,
            dispatch.NextAttemptAt is { } next ? RowMapping.ToMs(next) : null,
            dispatch.LastError,
            RowMapping.ToMs(dispatch.UpdatedAt),
            dispatch.Recipient)
        .ExecuteNonQuery();

    public void DeleteOutboxMessage(long id) => _sql.DeleteOutbox.With(id).ExecuteNonQuery();

    public void AddOutboxMessage(OutboxMessage message) =>
        _sql.AddOutbox.With(message.Type, message.Payload, RowMapping.ToMs(message.CreatedAt)).ExecuteNonQuery();

    public void SaveIdempotencyRecord(IdempotencyRecord record)
    {
        var row = RowMapping.ToRow(record);
        _sql.SaveIdempotency.With(row.CallerId, row.Key, row.RequestJson, row.ResponseJson, row.ErrorJson, row.CreatedAtMs).ExecuteNonQuery();
    }

    public void AddMerchantPayout(MerchantPayoutDetails details, string contentHash)
    {
        var row = RowMapping.ToRow(details);
        _sql.AddMerchantPayout.With(
            row.PayoutId, row.MerchantId, row.ExternalId, row.Description, row.MetadataJson, row.RedirectUrl, row.WebhookUrl,
            row.CustomerId, row.CustomerName, row.RefId, row.OnBehalfOfId, row.DestinationJson, row.FormExpiresAtMs, row.FormUsedAtMs,
            contentHash).ExecuteNonQuery();
    }

    public MerchantPayoutDetails? FindMerchantPayout(long payoutId) => ReadMerchantPayout(_sql.FindMerchantPayout.With(payoutId));

    public MerchantPayoutDetails? FindMerchantPayoutByExternalId(string merchantId, string externalId) =>
        ReadMerchantPayout(_sql.FindMerchantPayoutByExternalId.With(merchantId, externalId));

    public MerchantPayoutDetails? FindMerchantPayoutByContent(string merchantId, string contentHash, DateTimeOffset createdSince) =>
        ReadMerchantPayout(_sql.FindMerchantPayoutByContent.With(merchantId, contentHash, RowMapping.ToMs(createdSince)));

    public void CompleteMerchantPayoutForm(long payoutId, string destination, DateTimeOffset usedAt) =>
        _sql.CompleteMerchantPayoutForm.With(destination, RowMapping.ToMs(usedAt), payoutId).ExecuteNonQuery();

    public void CloseMerchantPayoutForm(long payoutId, DateTimeOffset closedAt) =>
        _sql.CloseMerchantPayoutForm.With(RowMapping.ToMs(closedAt), payoutId).ExecuteNonQuery();

    public Uri? FindDefaultWebhookUrl(string merchantId) =>
        _sql.FindDefaultWebhookUrl.With(merchantId).ExecuteScalarText() is { } url ? new Uri(url) : null;

    public void SaveDefaultWebhookUrl(string merchantId, Uri? url, DateTimeOffset now) =>
        _sql.SaveDefaultWebhookUrl.With(merchantId, url?.AbsoluteUri, RowMapping.ToMs(now)).ExecuteNonQuery();

    public void AddMerchantToken(MerchantToken token) => _sql.AddMerchantToken
        .With(token.Id, token.MerchantId, token.TokenHash, string.Join(' ', token.Permissions.Order(StringComparer.Ordinal)), RowMapping.ToMs(token.CreatedAt))
        .ExecuteNonQuery();

    public bool RevokeMerchantToken(string tokenId, DateTimeOffset now) =>
        _sql.RevokeMerchantToken.With(RowMapping.ToMs(now), tokenId).ExecuteNonQuery() == 1;

    public void AddWebhookDelivery(WebhookDelivery delivery) => _sql.AddWebhookDelivery
        .With(
            delivery.MerchantId, delivery.PayoutId, delivery.Sequence, delivery.EventType, delivery.Payload, delivery.Url.AbsoluteUri,
            delivery.Status.ToString(), delivery.Attempts, MsOrNull(delivery.NextAttemptAt), RowMapping.ToMs(delivery.CreatedAt),
            MsOrNull(delivery.DeliveredAt), delivery.LastError)
        .ExecuteNonQuery();

    public void SupersedeWebhookDeliveries(long payoutId, long sequence, DateTimeOffset now) =>
        _sql.SupersedeWebhookDeliveries.With(payoutId, sequence, $"superseded by sequence {sequence} at {now:O}").ExecuteNonQuery();

    public void RecordWebhookAttempt(WebhookAttempt attempt, WebhookDelivery updated)
    {
        _sql.AddWebhookAttempt
            .With(attempt.DeliveryId, RowMapping.ToMs(attempt.AttemptedAt), attempt.StatusCode, attempt.Error, (long)attempt.Duration.TotalMilliseconds)
            .ExecuteNonQuery();
        _sql.UpdateWebhookDelivery
            .With(updated.Status.ToString(), updated.Attempts, MsOrNull(updated.NextAttemptAt), MsOrNull(updated.DeliveredAt), updated.LastError, updated.Id)
            .ExecuteNonQuery();
    }

    public void Dispose() => _sql.Dispose();

    private static MerchantPayoutDetails? ReadMerchantPayout(Statement query)
    {
        using var reader = query.ExecuteReader();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return reader.Read() ? RowMapping.FromRow(new MerchantPayoutRow
        {
            PayoutId = reader.GetInt64(0),
            MerchantId = reader.GetString(1),
            ExternalId = Text(2),
            Description = Text(3),
            MetadataJson = Text(4),
            RedirectUrl = Text(5),
            WebhookUrl = Text(6),
            CustomerId = Text(7),
            CustomerName = Text(8),
            RefId = Text(9),
            OnBehalfOfId = Text(10),
            DestinationJson = Text(11),
            FormExpiresAtMs = reader.IsDBNull(12) ? null : reader.GetInt64(12),
            FormUsedAtMs = reader.IsDBNull(13) ? null : reader.GetInt64(13),
        }) : null;
    }

    private static long? MsOrNull(DateTimeOffset? time) => time is { } t ? RowMapping.ToMs(t) : null;
}
