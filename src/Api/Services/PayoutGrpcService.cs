using Payouts.Api.RateLimiting;
using Google.Protobuf;
using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Payouts.Queries.GetPayout;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Contracts.V1;
using DomainStatus = Payouts.Domain.Payouts.PayoutStatus;

namespace Payouts.Api.Services;

/// <summary>
/// <c>payouts.v1.PayoutService</c> (proto/payouts/v1/payout_service.proto): a merchant's payouts (seeds 001
/// and 002). Every RPC needs a merchant token; creating and cancelling need its payout permission.
/// </summary>
[RateLimited(RateLimitedAttribute.Payouts)]
public sealed class PayoutGrpcService(IUseCases useCases) : PayoutService.PayoutServiceBase
{
    public override async Task<CreatePayoutResponse> CreatePayout(CreatePayoutRequest request, ServerCallContext context)
    {
        var command = ToCommand(request.Initiation, RequirePayoutPermission(context.RequireMerchant()), context.IdempotencyKey());
        var payout = (await useCases.SendAsync(command, context.CancellationToken)).OrThrow(context, request, "initiation");
        return new CreatePayoutResponse { Payout = payout.Adapt<Payout>(ProtoMapping.Config) };
    }

    public override async Task<GetPayoutResponse> GetPayout(GetPayoutRequest request, ServerCallContext context)
    {
        var payout = (await useCases.AskAsync(ToQuery(request, context.RequireMerchant()), context.CancellationToken)).OrThrow(context, request);
        return new GetPayoutResponse { Payout = payout.Adapt<Payout>(ProtoMapping.Config) };
    }

    public override async Task<ListPayoutsResponse> ListPayouts(ListPayoutsRequest request, ServerCallContext context)
    {
        var page = (await useCases.AskAsync(ToQuery(request, context.RequireMerchant()), context.CancellationToken)).OrThrow(context, request);
        return page.Adapt<ListPayoutsResponse>(ProtoMapping.Config);
    }

    public override async Task<CancelPayoutResponse> CancelPayout(CancelPayoutRequest request, ServerCallContext context)
    {
        var merchant = RequirePayoutPermission(context.RequireMerchant());
        var payout = (await useCases.SendAsync(new CancelPayoutCommand(merchant.Id, request.Id), context.CancellationToken)).OrThrow(context, request);
        return new CancelPayoutResponse { Payout = payout.Adapt<Payout>(ProtoMapping.Config) };
    }

    internal static Caller RequirePayoutPermission(Caller merchant)
    {
        merchant.RequireScope(MerchantToken.PayoutPermission);
        return merchant;
    }

    /// <summary>
    /// Also the seed routes' command (Rest/), which pass the metadata as the caller wrote it (<paramref name="metadataJson"/>):
    /// a Struct holds numbers as doubles. Over gRPC the Struct is all there is, compacted the same way.
    /// </summary>
    internal static CreatePayoutCommand ToCommand(PayoutInitiation? initiation, Caller merchant, string? idempotencyKey, string? metadataJson = null)
    {
        initiation ??= new PayoutInitiation();
        return new CreatePayoutCommand(
            merchant.Id,
            initiation.Amount,
            initiation.Currency,
            initiation.Type,
            initiation.Description,
            metadataJson ?? (initiation.Metadata is null ? null : Rest.CompactJson.Of(JsonFormatter.Default.Format(initiation.Metadata))),
            initiation.ExternalId,
            initiation.RedirectUrl,
            initiation.WebhookUrl,
            initiation.Customer?.Id ?? "",
            initiation.Customer?.Name ?? "",
            initiation.RefId,
            initiation.OnBehalfOfId,
            DestinationOf(initiation.Destination),
            idempotencyKey);
    }

    internal static GetPayoutQuery ToQuery(GetPayoutRequest request, Caller merchant) => new(merchant.Id, request.Id);

    internal static ListPayoutsQuery ToQuery(ListPayoutsRequest request, Caller merchant) => new(
        merchant.Id, request.Limit, request.Offset, request.StartDate, request.EndDate, [.. request.Ids], request.InvertIds,
        [.. request.Statuses.Select(ToDomain)], request.InvertStatuses, [.. request.RefIds], request.OnBehalfOfId);

    private static PayoutDestinationInput? DestinationOf(PayoutDestination? destination) => destination?.KindCase switch
    {
        PayoutDestination.KindOneofCase.TupayBankAccount => destination.TupayBankAccount is var b
            ? new PeruvianBankAccountInput(b.Country, b.DocumentType, b.DocumentId, b.BeneficiaryName, b.BeneficiaryLastname, b.BankAccount, b.AccountType)
            : null,
        PayoutDestination.KindOneofCase.LinkedPayee => new LinkedPayeeInput(destination.LinkedPayee.Provider, destination.LinkedPayee.PayeeId),
        PayoutDestination.KindOneofCase.Paypal => new PayPalEmailInput(destination.Paypal.Email),
        _ => null,
    };

    /// <summary>
    /// By name, as the mapping writes them; an unknown number (proto3 enums are open) maps to a value the
    /// validator refuses by name.
    /// </summary>
    private static DomainStatus ToDomain(PayoutStatus status) =>
        status != PayoutStatus.Unspecified && Enum.TryParse<DomainStatus>(status.ToString(), out var domain) && Enum.IsDefined(domain)
            ? domain
            : (DomainStatus)(-1);
}
