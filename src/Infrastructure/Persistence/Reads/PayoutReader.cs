using Microsoft.EntityFrameworkCore;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Reads;

/// <summary>
/// Merchant payouts, always of one merchant. Lists page newest first over the (OwnerId, Kind, Id) index with
/// a keyset on the id, which never changes: rows created meanwhile sort before the cursor, so no page
/// repeats or skips a row.
/// </summary>
internal sealed class PayoutReader(PayoutsDbContext db) : IPayoutReader
{
    private static readonly string MerchantKind = nameof(PayoutKind.MerchantPayout);

    public async Task<(Payout Payout, MerchantPayoutDetails Details)?> FindAsync(string merchantId, long payoutId, CancellationToken cancellationToken)
    {
        var row = await Owned(merchantId).SingleOrDefaultAsync(x => x.Payout.Id == payoutId, cancellationToken);
        return row is null ? null : (RowMapping.FromRow(row.Payout), RowMapping.FromRow(row.Details));
    }

    public async Task<(Payout Payout, MerchantPayoutDetails Details)?> FindForRecipientAsync(long payoutId, CancellationToken cancellationToken)
    {
        var row = await (
            from payout in db.Payouts
            where payout.Id == payoutId && payout.Kind == MerchantKind
            join details in db.MerchantPayouts on payout.Id equals details.PayoutId
            select new Joined { Payout = payout, Details = details }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (RowMapping.FromRow(row.Payout), RowMapping.FromRow(row.Details));
    }

    public async Task<IReadOnlyList<(Payout Payout, MerchantPayoutDetails Details)>> ListAsync(
        string merchantId, PayoutFilter filter, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var query = Owned(merchantId);
        if (beforeId is { } before)
        {
            query = query.Where(x => x.Payout.Id < before);
        }

        query = Filter(query, filter);
        var rows = await query.OrderByDescending(x => x.Payout.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(x => (RowMapping.FromRow(x.Payout), RowMapping.FromRow(x.Details))).ToList();
    }

    private static IQueryable<Joined> Filter(IQueryable<Joined> query, PayoutFilter filter)
    {
        if (filter.StartDate is { } start)
        {
            var from = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            query = query.Where(x => x.Payout.CreatedAtMs >= from);
        }

        if (filter.EndDate is { } end)
        {
            // Inclusive: everything before the next day's midnight (UTC).
            var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            query = query.Where(x => x.Payout.CreatedAtMs < until);
        }

        if (filter.Ids.Count > 0)
        {
            var ids = filter.Ids.ToList();
            query = filter.InvertIds ? query.Where(x => !ids.Contains(x.Payout.Id)) : query.Where(x => ids.Contains(x.Payout.Id));
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.Select(s => s.ToString()).ToList();
            query = filter.InvertStatuses ? query.Where(x => !statuses.Contains(x.Payout.Status)) : query.Where(x => statuses.Contains(x.Payout.Status));
        }

        if (filter.RefIds.Count > 0)
        {
            var refIds = filter.RefIds.ToList();
            query = query.Where(x => x.Details.RefId != null && refIds.Contains(x.Details.RefId));
        }

        if (filter.OnBehalfOfId is { } onBehalfOf)
        {
            query = query.Where(x => x.Details.OnBehalfOfId == onBehalfOf);
        }

        return query;
    }

    private IQueryable<Joined> Owned(string merchantId)
    {
        var owner = MerchantAccounts.OwnerOf(merchantId);
        return from payout in db.Payouts
               where payout.OwnerId == owner && payout.Kind == MerchantKind
               join details in db.MerchantPayouts on payout.Id equals details.PayoutId
               select new Joined { Payout = payout, Details = details };
    }

    private sealed class Joined
    {
        public required PayoutRow Payout { get; init; }

        public required MerchantPayoutRow Details { get; init; }
    }
}
