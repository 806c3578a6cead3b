using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

internal sealed class ListPayoutsQueryHandler(IValidator<ListPayoutsQuery, ListPayoutsCriteria> validator, IPayoutReader payouts, HostedFormLinks links)
    : ValidatedHandler<ListPayoutsQuery, ListPayoutsCriteria, PayoutPage>(validator)
{
    protected override async Task<Result<PayoutPage>> HandleAsync(ListPayoutsQuery query, ListPayoutsCriteria criteria, CancellationToken cancellationToken)
    {
        var page = await payouts.ListAsync(query.MerchantId, criteria.Filter, criteria.BeforeId, query.Limit, cancellationToken);
        var views = page.Select(p => PayoutView.Of(p.Payout, p.Details, links.UrlFor(p.Payout.Id.Value))).ToList();
        var next = views.Count == query.Limit ? OffsetCursor.Encode(views[^1].Id) : "";
        return new PayoutPage(views, query.Limit, next);
    }
}
