using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

internal sealed class ListPayoutsQueryHandler(IPayoutReader payouts, HostedFormLinks links) : IQueryHandler<ListPayoutsQuery, PayoutPage>
{
    public async Task<Result<PayoutPage>> Handle(ListPayoutsQuery query, CancellationToken cancellationToken)
    {
        var filter = new PayoutFilter(
            ListPayoutsQueryValidator.DateOf(query.StartDate),
            ListPayoutsQueryValidator.DateOf(query.EndDate),
            [.. query.Ids.Select(id => PublicPayoutIds.TryParse(id, out var parsed) ? parsed : -1)],
            query.InvertIds,
            query.Statuses,
            query.InvertStatuses,
            query.RefIds,
            NullIfEmpty(query.OnBehalfOfId));
        var page = await payouts.ListAsync(query.MerchantId, filter, OffsetCursor.Decode(query.Offset), query.Limit, cancellationToken);
        var views = page.Select(p => PayoutView.Of(p.Payout, p.Details, links.UrlFor(p.Payout.Id.Value))).ToList();
        var next = views.Count == query.Limit ? OffsetCursor.Encode(views[^1].Id) : "";
        return new PayoutPage(views, query.Limit, next);
    }
}
