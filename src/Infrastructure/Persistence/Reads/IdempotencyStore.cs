using Microsoft.EntityFrameworkCore;
using Payouts.Application.Common.Idempotency;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class IdempotencyStore(PayoutsDbContext db) : IIdempotencyStore
{
    // Compiled once: every keyed request asks, and translating the LINQ each time cost more than the query.
    private static readonly Func<PayoutsDbContext, string, string, CancellationToken, Task<IdempotencyRecordRow?>> Find =
        EF.CompileAsyncQuery((PayoutsDbContext context, string callerId, string key, CancellationToken _) =>
            context.IdempotencyRecords.AsNoTracking().SingleOrDefault(r => r.CallerId == callerId && r.Key == key));

    public async Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken cancellationToken)
    {
        var row = await Find(db, callerId, key, cancellationToken);
        return row is null ? null : RowMapping.FromRow(row);
    }
}
