using Microsoft.EntityFrameworkCore;
using Payouts.Application.CashoutMethods;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class CashoutMethodReader(PayoutsDbContext db) : ICashoutMethodReader
{
    public async Task<IReadOnlyList<CashoutMethodView>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        var rows = await db.CashoutMethods.Where(m => m.OwnerId == ownerId).OrderBy(m => m.Provider).ToListAsync(cancellationToken);
        return rows.Select(r => new CashoutMethodView(ProviderNames.Parse(r.Provider), Enum.Parse<LinkStatus>(r.Status), r.Reference, RowMapping.FromMs(r.CreatedAtMs), RowMapping.FromMs(r.UpdatedAtMs))).ToList();
    }
}
