using Microsoft.EntityFrameworkCore;
using Payouts.Application.Merchants;
using Payouts.Application.Webhooks;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class MerchantTokenReader(PayoutsDbContext db) : IMerchantTokenReader, IMerchantSigningKeys
{
    public async Task<MerchantToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var row = await db.MerchantTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);
        return row is null ? null : ToToken(row);
    }

    public async Task<IReadOnlyList<MerchantToken>> ListAsync(string merchantId, CancellationToken cancellationToken)
    {
        var rows = await db.MerchantTokens.Where(t => t.MerchantId == merchantId).OrderBy(t => t.CreatedAtMs).ToListAsync(cancellationToken);
        return rows.Select(ToToken).ToList();
    }

    /// <summary>
    /// Only tokens that may make payouts sign webhooks: a read-only token's holder must not be able to forge a
    /// "payout.failed" that the merchant would act on.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> KeysForAsync(string merchantId, CancellationToken cancellationToken)
    {
        var active = await db.MerchantTokens
            .Where(t => t.MerchantId == merchantId && t.RevokedAtMs == null)
            .OrderBy(t => t.CreatedAtMs)
            .ToListAsync(cancellationToken);
        return active.Select(ToToken).Where(t => t.Permissions.Contains(MerchantToken.PayoutPermission)).Select(t => Convert.FromHexString(t.TokenHash)).ToList();
    }

    private static MerchantToken ToToken(MerchantTokenRow row) => new(
        row.Id,
        row.MerchantId,
        row.TokenHash,
        new HashSet<string>(row.Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
        RowMapping.FromMs(row.CreatedAtMs),
        row.RevokedAtMs is { } revoked ? RowMapping.FromMs(revoked) : null);
}
