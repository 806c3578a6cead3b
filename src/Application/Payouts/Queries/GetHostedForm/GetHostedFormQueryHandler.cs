using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;

namespace Payouts.Application.Payouts.Queries.GetHostedForm;

internal sealed class GetHostedFormQueryHandler(IPayoutReader payouts, HostedFormLinks links, PayoutPolicy policy, TimeProvider clock) : IQueryHandler<GetHostedFormQuery, HostedFormView>
{
    public async Task<Result<HostedFormView>> Handle(GetHostedFormQuery query, CancellationToken cancellationToken)
    {
        if (links.PayoutIdOf(query.Token) is not { } id || await payouts.FindForRecipientAsync(id, cancellationToken) is not { } found)
        {
            return HostedFormErrors.NotFound;
        }

        var (payout, details) = found;
        if (HostedFormErrors.Check(payout, details, clock.GetUtcNow()) is { } closed)
        {
            return closed;
        }

        return new HostedFormView(
            PublicPayoutIds.Format(id), payout.Amount.ToDecimalString(), payout.Amount.Currency.Code, details.Description, RecipientMethods.OfferedFor(payout.Amount.Currency.Code, policy),
            details.RedirectUrl is { } url ? new Uri(url.GetLeftPart(UriPartial.Authority)) : null);
    }
}
