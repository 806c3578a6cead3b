using Microsoft.EntityFrameworkCore;
using Payouts.Application.Common.Idempotency;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class IdempotencyStore(PayoutsDbContext db) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken cancellationToken)
    {
        var row = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CallerId == callerId && r.Key == key, cancellationToken);
        return row is null ? null : RowMapping.FromRow(row);
    }
}
