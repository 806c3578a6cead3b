using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Payouts.Api.Auth;
using Payouts.Api.Grpc.Server;
using Payouts.Application.CashoutMethods;
using Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;
using Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;
using Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services;

/// <summary>
/// <c>payouts.v1.LinkService</c> (proto/payouts/v1/link_service.proto): the caller's cashout methods.
/// The provider's redirect back lands on <see cref="LinkCallbackEndpoint"/>, not here.
/// </summary>
public sealed class LinkGrpcService : IGrpcService
{
    public ServiceDescriptor Descriptor => LinkServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("LinkService");

    public void Bind(ServiceBinder binder)
    {
        binder
            .Unary<LinkCashoutMethodRequest, LinkCashoutMethodResponse>("LinkCashoutMethod", LinkCashoutMethod)
            .Unary<UnlinkCashoutMethodRequest, UnlinkCashoutMethodResponse>("UnlinkCashoutMethod", UnlinkCashoutMethod)
            .Unary<ListCashoutMethodsRequest, ListCashoutMethodsResponse>("ListCashoutMethods", ListCashoutMethods);
    }

    private static async Task<LinkCashoutMethodResponse> LinkCashoutMethod(LinkCashoutMethodRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var command = new LinkCashoutMethodCommand(caller.Id, request.Provider, request.Provider == "tipalti" ? PayeeOf(request) : null);
        var result = (await UseCases(context).SendAsync(command, context.CancellationToken)).OrThrow();
        var response = new LinkCashoutMethodResponse { Message = result.Message, Provider = result.Provider };
        if (result.Link is { } link)
        {
            response.Link = link.AbsoluteUri;
            response.Method = "link";
        }

        if (result.PayeeId is { } payeeId)
        {
            response.PayeeId = payeeId;
            response.AlreadyExists = result.AlreadyExists ?? false;
        }

        return response;
    }

    private static async Task<UnlinkCashoutMethodResponse> UnlinkCashoutMethod(UnlinkCashoutMethodRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var result = (await UseCases(context).SendAsync(new UnlinkCashoutMethodCommand(caller.Id, request.Provider), context.CancellationToken)).OrThrow();
        return new UnlinkCashoutMethodResponse { Message = result.Message, Provider = result.Provider };
    }

    private static async Task<ListCashoutMethodsResponse> ListCashoutMethods(ListCashoutMethodsRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var methods = (await UseCases(context).AskAsync(new ListCashoutMethodsQuery(caller.Id), context.CancellationToken)).OrThrow();
        var response = new ListCashoutMethodsResponse();
        response.CashoutMethods.AddRange(methods.Select(ToProto));
        return response;
    }

    private static TipaltiPayeeInput PayeeOf(LinkCashoutMethodRequest request) => new(
        request.PayeeType,
        request.FirstName,
        request.LastName,
        request.CompanyName,
        request.Email,
        request.Address is { } a ? new PayeeAddressInput(a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country) : null,
        request.Phone);

    private static CashoutMethod ToProto(CashoutMethodView method) => new()
    {
        Provider = method.Provider,
        Status = method.Status switch
        {
            "Linked" => CashoutMethodStatus.Linked,
            "Pending" => CashoutMethodStatus.Pending,
            "Unlinked" => CashoutMethodStatus.Unlinked,
            _ => CashoutMethodStatus.Unspecified,
        },
        // Not shown while pending: the provider has not confirmed the account yet.
        PayeeId = method.Status == "Pending" ? "" : method.AccountId ?? "",
        CreateTime = Timestamp.FromDateTimeOffset(method.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(method.UpdatedAt),
    };

    private static IUseCases UseCases(ServerCallContext context) => context.Services.GetRequiredService<IUseCases>();
}
