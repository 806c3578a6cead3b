using Payouts.Api.RateLimiting;
using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Services.Mapping;
using Payouts.Application.CashoutMethods;
using Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;
using Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;
using Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Services;

/// <summary>
/// <c>payouts.v1.LinkService</c> (proto/payouts/v1/link_service.proto): the caller's cashout methods.
/// The provider's redirect back lands on <see cref="Http.LinkCallbackEndpoint"/>, not here.
/// </summary>
[RateLimited(RateLimitedAttribute.Links)]
public sealed class LinkGrpcService(IUseCases useCases) : LinkService.LinkServiceBase
{
    public override async Task<LinkCashoutMethodResponse> LinkCashoutMethod(LinkCashoutMethodRequest request, ServerCallContext context)
    {
        var result = (await useCases.SendAsync(ToCommand(request, context.RequireUser()), context.CancellationToken)).OrThrow(context, request);
        return result.Adapt<LinkCashoutMethodResponse>(ProtoMapping.Config);
    }

    public override async Task<UnlinkCashoutMethodResponse> UnlinkCashoutMethod(UnlinkCashoutMethodRequest request, ServerCallContext context)
    {
        var result = (await useCases.SendAsync(ToCommand(request, context.RequireUser()), context.CancellationToken)).OrThrow(context, request);
        return result.Adapt<UnlinkCashoutMethodResponse>(ProtoMapping.Config);
    }

    public override async Task<ListCashoutMethodsResponse> ListCashoutMethods(ListCashoutMethodsRequest request, ServerCallContext context)
    {
        var methods = (await useCases.AskAsync(new ListCashoutMethodsQuery(context.RequireUser().Id), context.CancellationToken)).OrThrow(context, request);
        var response = new ListCashoutMethodsResponse();
        response.CashoutMethods.AddRange(methods.Adapt<List<CashoutMethod>>(ProtoMapping.Config));
        return response;
    }

    /// <summary>Also the seed 000 route's command. The payee's fields are Tipalti's and ignored for other providers.</summary>
    internal static LinkCashoutMethodCommand ToCommand(LinkCashoutMethodRequest request, Caller caller) =>
        new(caller.Id, request.Provider, ProviderNames.TryParse(request.Provider, out var provider) && provider == Provider.Tipalti ? PayeeOf(request) : null);

    internal static UnlinkCashoutMethodCommand ToCommand(UnlinkCashoutMethodRequest request, Caller caller) => new(caller.Id, request.Provider);

    private static TipaltiPayeeInput PayeeOf(LinkCashoutMethodRequest request) => new(
        request.PayeeType,
        request.FirstName,
        request.LastName,
        request.CompanyName,
        request.Email,
        request.Address is { } a ? new PayeeAddressInput(a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country) : null,
        request.Phone);
}
