using Microsoft.EntityFrameworkCore;
using Payouts.Application.Cashouts;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class CashoutReader(PayoutsDbContext db) : ICashoutReader
{
    private static readonly string CashoutKind = nameof(PayoutKind.Cashout);

    public async Task<CashoutView?> FindAsync(string ownerId, long cashoutId, CancellationToken cancellationToken)
    {
        var row = await Owned(ownerId).SingleOrDefaultAsync(p => p.Id == cashoutId, cancellationToken);
        return row is null ? null : ToView(row);
    }

    public async Task<IReadOnlyList<CashoutView>> ListAsync(string ownerId, long? beforeId, int take, CancellationToken cancellationToken)
    {
        var query = Owned(ownerId);
        if (beforeId is { } before)
        {
            query = query.Where(p => p.Id < before);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(take).ToListAsync(cancellationToken);
        return rows.Select(ToView).ToList();
    }

    private IQueryable<PayoutRow> Owned(string ownerId) => db.Payouts.Where(p => p.OwnerId == ownerId && p.Kind == CashoutKind);

    private static CashoutView ToView(PayoutRow row) => new(
        row.Id,
        row.AmountMinor,
        row.Currency,
        ProviderNames.Parse(row.Provider),
        Enum.Parse<PayoutStatus>(row.Status),
        RowMapping.FromMs(row.CreatedAtMs),
        RowMapping.FromMs(row.UpdatedAtMs));
}
