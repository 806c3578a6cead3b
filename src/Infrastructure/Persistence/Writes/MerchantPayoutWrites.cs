using Payouts.Application.Common.Persistence;
using Payouts.Application.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class MerchantPayoutWrites(PreparedStatements sql) : IMerchantPayoutWrites
{
    private const string Columns =
        "m.PayoutId, m.MerchantId, m.ExternalId, m.Description, m.MetadataJson, m.RedirectUrl, m.WebhookUrl, m.CustomerId, m.CustomerName, m.RefId, m.OnBehalfOfId, m.DestinationJson, m.FormExpiresAtMs, m.FormUsedAtMs";

    private readonly Statement _add = sql.Prepare(
        "INSERT INTO MerchantPayouts (PayoutId, MerchantId, ExternalId, Description, MetadataJson, RedirectUrl, WebhookUrl, CustomerId, CustomerName, RefId, OnBehalfOfId, DestinationJson, FormExpiresAtMs, FormUsedAtMs, ContentHash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
        "ON CONFLICT (MerchantId, ExternalId) WHERE ExternalId IS NOT NULL DO NOTHING");
    private readonly Statement _find = sql.Prepare($"SELECT {Columns} FROM MerchantPayouts m WHERE m.PayoutId = $1");
    private readonly Statement _findByExternalId = sql.Prepare($"SELECT {Columns} FROM MerchantPayouts m WHERE m.MerchantId = $1 AND m.ExternalId = $2");
    private readonly Statement _findByContent = sql.Prepare(
        $"SELECT {Columns} FROM MerchantPayouts m JOIN Payouts p ON p.Id = m.PayoutId " +
        "WHERE m.MerchantId = $1 AND m.ContentHash = $2 AND p.CreatedAtMs >= $3 ORDER BY m.PayoutId DESC LIMIT 1");
    private readonly Statement _completeForm = sql.Prepare("UPDATE MerchantPayouts SET DestinationJson = $1, FormUsedAtMs = $2 WHERE PayoutId = $3");
    private readonly Statement _closeForm = sql.Prepare("UPDATE MerchantPayouts SET FormUsedAtMs = $1 WHERE PayoutId = $2 AND FormUsedAtMs IS NULL");

    public bool TryAdd(MerchantPayoutDetails details, string contentHash)
    {
        var row = RowMapping.ToRow(details);
        return _add.With(
            row.PayoutId, row.MerchantId, row.ExternalId, row.Description, row.MetadataJson, row.RedirectUrl, row.WebhookUrl,
            row.CustomerId, row.CustomerName, row.RefId, row.OnBehalfOfId, row.DestinationJson, row.FormExpiresAtMs, row.FormUsedAtMs,
            contentHash).ExecuteNonQuery() == 1;
    }

    public MerchantPayoutDetails? Find(long payoutId) => Read(_find.With(payoutId));

    public MerchantPayoutDetails? FindByExternalId(string merchantId, string externalId) => Read(_findByExternalId.With(merchantId, externalId));

    public MerchantPayoutDetails? FindByContent(string merchantId, string contentHash, DateTimeOffset createdSince) =>
        Read(_findByContent.With(merchantId, contentHash, RowMapping.ToMs(createdSince)));

    public void CompleteForm(long payoutId, string destination, DateTimeOffset usedAt) =>
        _completeForm.With(destination, RowMapping.ToMs(usedAt), payoutId).ExecuteNonQuery();

    public void CloseForm(long payoutId, DateTimeOffset closedAt) => _closeForm.With(RowMapping.ToMs(closedAt), payoutId).ExecuteNonQuery();

    private static MerchantPayoutDetails? Read(Statement query)
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
}
