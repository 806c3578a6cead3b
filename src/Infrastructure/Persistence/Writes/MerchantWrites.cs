using Payouts.Application.Common.Persistence;
using Payouts.Application.Merchants;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class MerchantWrites(PreparedStatements sql) : IMerchantWrites
{
    private readonly Statement _addToken = sql.Prepare(
        "INSERT INTO MerchantTokens (Id, MerchantId, TokenHash, Permissions, CreatedAtMs, RevokedAtMs) VALUES ($1, $2, $3, $4, $5, NULL)");
    private readonly Statement _revokeToken = sql.Prepare("UPDATE MerchantTokens SET RevokedAtMs = $1 WHERE Id = $2 AND RevokedAtMs IS NULL");
    private readonly Statement _findDefaultWebhookUrl = sql.Prepare("SELECT DefaultWebhookUrl FROM MerchantSettings WHERE MerchantId = $1");
    private readonly Statement _saveDefaultWebhookUrl = sql.Prepare(
        "INSERT INTO MerchantSettings (MerchantId, DefaultWebhookUrl, UpdatedAtMs) VALUES ($1, $2, $3) " +
        "ON CONFLICT (MerchantId) DO UPDATE SET DefaultWebhookUrl = excluded.DefaultWebhookUrl, UpdatedAtMs = excluded.UpdatedAtMs");

    public void AddToken(MerchantToken token) => _addToken
        .With(token.Id, token.MerchantId, token.TokenHash, string.Join(' ', token.Permissions.Order(StringComparer.Ordinal)), RowMapping.ToMs(token.CreatedAt))
        .ExecuteNonQuery();

    public bool RevokeToken(string tokenId, DateTimeOffset now) => _revokeToken.With(RowMapping.ToMs(now), tokenId).ExecuteNonQuery() == 1;

    public Uri? FindDefaultWebhookUrl(string merchantId) =>
        _findDefaultWebhookUrl.With(merchantId).ExecuteScalarText() is { } url ? new Uri(url) : null;

    public void SaveDefaultWebhookUrl(string merchantId, Uri? url, DateTimeOffset now) =>
        _saveDefaultWebhookUrl.With(merchantId, url?.AbsoluteUri, RowMapping.ToMs(now)).ExecuteNonQuery();
}
