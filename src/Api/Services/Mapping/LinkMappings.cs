using Mapster;
using Payouts.Application.CashoutMethods;
using Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;
using Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;
using Payouts.Contracts.V1;
using Payouts.Domain.CashoutMethods;

namespace Payouts.Api.Services.Mapping;

/// <summary><c>payouts.v1.LinkService</c>'s answers from its use cases' results.</summary>
public sealed class LinkMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        // Optional fields stay unset (left out of the JSON) unless the provider's way of linking uses them.
        config.NewConfig<CashoutLinkResult, LinkCashoutMethodResponse>()
            .IgnoreNullValues(true)
            .Map(response => response.Method, _ => "link")
            .IgnoreIf((result, _) => result.Link == null, response => response.Method)
            .Map(response => response.AlreadyExists, result => result.AlreadyExists ?? false)
            .IgnoreIf((result, _) => result.PayeeId == null, response => response.AlreadyExists);
        config.NewConfig<CashoutUnlinked, UnlinkCashoutMethodResponse>();
        config.NewConfig<CashoutMethodView, CashoutMethod>()
            .Map(method => method.Status, view => StatusOf(view.Status))
            // Not shown while pending: the provider has not confirmed the account yet.
            .Map(method => method.PayeeId, view => view.Status == LinkStatus.Pending ? "" : view.AccountId)
            .Map(method => method.CreateTime, view => view.CreatedAt)
            .Map(method => method.UpdateTime, view => view.UpdatedAt);
    }

    private static CashoutMethodStatus StatusOf(LinkStatus status) => status switch
    {
        LinkStatus.Linked => CashoutMethodStatus.Linked,
        LinkStatus.Pending => CashoutMethodStatus.Pending,
        LinkStatus.Unlinked => CashoutMethodStatus.Unlinked,
        _ => CashoutMethodStatus.Unspecified,
    };
}
