using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Queries.GetPayout;

internal sealed class GetPayoutQueryHandler(IPayoutReader payouts, HostedFormLinks links) : IQueryHandler<GetPayoutQuery, PayoutView>
{
    public async Task<Result<PayoutView>> Handle(GetPayoutQuery query, CancellationToken cancellationToken)
    {
        // Another merchant's payout is "not found" too: its existence is not disclosed.
        if (!PublicPayoutIds.TryParse(query.Id, out var id) || await payouts.FindAsync(query.MerchantId, id, cancellationToken) is not { } found)
        {
            return PayoutErrors.NotFound(query.Id);
        }

        return PayoutView.Of(found.Payout, found.Details, links.UrlFor(id));
    }
}
