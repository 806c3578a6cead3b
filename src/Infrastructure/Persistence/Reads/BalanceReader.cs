using Microsoft.EntityFrameworkCore;
using Payouts.Application.Balances;

namespace Payouts.Infrastructure.Persistence.Reads;

internal sealed class BalanceReader(PayoutsDbContext db) : IBalanceReader
{
    public Task<BalanceView?> FindAsync(string ownerId, string currency, CancellationToken cancellationToken) =>
        db.BalanceAccounts
            .Where(a => a.OwnerId == ownerId && a.Currency == currency)
            .Select(a => new BalanceView(a.Available, a.Reserved, a.Currency))
            .SingleOrDefaultAsync(cancellationToken);
}
