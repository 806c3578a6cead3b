using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Payouts.Api.Auth;
using Payouts.Api.Grpc.Server;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Payouts.Queries.GetPayout;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Contracts.V1;
using DomainStatus = Payouts.Domain.Payouts.PayoutStatus;
using DomainState = Payouts.Domain.Payouts.PayoutState;

namespace Payouts.Api.Services;

/// <summary>
/// <c>payouts.v1.PayoutService</c> (proto/payouts/v1/payout_service.proto): a merchant's payouts (seeds 001
/// and 002). Every RPC needs a merchant token; creating and cancelling need its payout permission.
/// </summary>
public sealed class PayoutGrpcService : IGrpcService
{
    public ServiceDescriptor Descriptor => PayoutServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("PayoutService");

    public void Bind(ServiceBinder binder)
    {
        binder
            .Unary<CreatePayoutRequest, CreatePayoutResponse>("CreatePayout", CreatePayout)
            .Unary<GetPayoutRequest, GetPayoutResponse>("GetPayout", GetPayout)
            .Unary<ListPayoutsRequest, ListPayoutsResponse>("ListPayouts", ListPayouts)
            .Unary<CancelPayoutRequest, CancelPayoutResponse>("CancelPayout", CancelPayout);
    }

    private static async Task<CreatePayoutResponse> CreatePayout(CreatePayoutRequest request, ServerCallContext context)
    {
        var merchant = context.RequireMerchant();
        merchant.RequireScope(MerchantToken.PayoutPermission);
        var initiation = request.Initiation ?? new PayoutInitiation();
        var command = new CreatePayoutCommand(
            merchant.Id,
            initiation.Amount,
            initiation.Currency,
            initiation.Type,
            initiation.Description,
            initiation.Metadata is null ? null : JsonFormatter.Default.Format(initiation.Metadata),
            initiation.ExternalId,
            initiation.RedirectUrl,
            initiation.WebhookUrl,
            initiation.Customer?.Id ?? "",
            initiation.Customer?.Name ?? "",
            initiation.RefId,
            initiation.OnBehalfOfId,
            DestinationOf(initiation.Destination),
            context.IdempotencyKey());
        var payout = (await UseCases(context).SendAsync(command, context.CancellationToken)).OrThrow();
        return new CreatePayoutResponse { Payout = ToProto(payout) };
    }

    private static async Task<GetPayoutResponse> GetPayout(GetPayoutRequest request, ServerCallContext context)
    {
        var merchant = context.RequireMerchant();
        var payout = (await UseCases(context).AskAsync(new GetPayoutQuery(merchant.Id, request.Id), context.CancellationToken)).OrThrow();
        return new GetPayoutResponse { Payout = ToProto(payout) };
    }

    private static async Task<ListPayoutsResponse> ListPayouts(ListPayoutsRequest request, ServerCallContext context)
    {
        var merchant = context.RequireMerchant();
        var query = new ListPayoutsQuery(
            merchant.Id, request.Limit, request.Offset, request.StartDate, request.EndDate, [.. request.Ids], request.InvertIds,
            [.. request.Statuses.Select(ToDomain)], request.InvertStatuses, [.. request.RefIds], request.OnBehalfOfId);
        var page = (await UseCases(context).AskAsync(query, context.CancellationToken)).OrThrow();
        var response = new ListPayoutsResponse { Paging = new Paging { NextOffset = page.NextOffset } };
        response.Payouts.AddRange(page.Payouts.Select(ToProto));
        return response;
    }

    private static async Task<CancelPayoutResponse> CancelPayout(CancelPayoutRequest request, ServerCallContext context)
    {
        var merchant = context.RequireMerchant();
        merchant.RequireScope(MerchantToken.PayoutPermission);
        var payout = (await UseCases(context).SendAsync(new CancelPayoutCommand(merchant.Id, request.Id), context.CancellationToken)).OrThrow();
        return new CancelPayoutResponse { Payout = ToProto(payout) };
    }

    private static PayoutDestinationInput? DestinationOf(PayoutDestination? destination) => destination?.KindCase switch
    {
        PayoutDestination.KindOneofCase.TupayBankAccount => destination.TupayBankAccount is var b
            ? new PeruvianBankAccountInput(b.Country, b.DocumentType, b.DocumentId, b.BeneficiaryName, b.BeneficiaryLastname, b.BankAccount, b.AccountType)
            : null,
        PayoutDestination.KindOneofCase.LinkedPayee => new LinkedPayeeInput(destination.LinkedPayee.Provider, destination.LinkedPayee.PayeeId),
        PayoutDestination.KindOneofCase.Paypal => new PayPalEmailInput(destination.Paypal.Email),
        _ => null,
    };

    private static Payout ToProto(PayoutView payout) => new()
    {
        Id = payout.PublicId,
        Status = payout.State switch
        {
            DomainState.Pending => PayoutState.Pending,
            DomainState.Succeeded => PayoutState.Succeeded,
            DomainState.Failed => PayoutState.Failed,
            DomainState.Cancelled => PayoutState.Cancelled,
            _ => PayoutState.Unspecified,
        },
        InitiationStatus = ToProto(payout.Status),
        Url = payout.Url.AbsoluteUri,
        ExternalId = payout.ExternalId ?? "",
        Amount = payout.Amount,
        Currency = payout.Currency,
        Description = payout.Description ?? "",
        Metadata = payout.MetadataJson is null ? null : JsonParser.Default.Parse<Struct>(payout.MetadataJson),
        CreateTime = Timestamp.FromDateTimeOffset(payout.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(payout.UpdatedAt),
        RefId = payout.RefId ?? "",
        OnBehalfOfId = payout.OnBehalfOfId ?? "",
    };

    private static PayoutStatus ToProto(DomainStatus status) => status switch
    {
        DomainStatus.AwaitingRecipientDetails => PayoutStatus.AwaitingRecipientDetails,
        DomainStatus.InitiationPending => PayoutStatus.InitiationPending,
        DomainStatus.InitiationProcessing => PayoutStatus.InitiationProcessing,
        DomainStatus.InitiationCompleted => PayoutStatus.InitiationCompleted,
        DomainStatus.InitiationRejected => PayoutStatus.InitiationRejected,
        DomainStatus.InitiationFailed => PayoutStatus.InitiationFailed,
        DomainStatus.Cancelled => PayoutStatus.Cancelled,
        DomainStatus.Returned => PayoutStatus.Returned,
        _ => PayoutStatus.Unspecified,
    };

    /// <summary>An unknown number maps to a value the validator refuses by name.</summary>
    private static DomainStatus ToDomain(PayoutStatus status) => status switch
    {
        PayoutStatus.AwaitingRecipientDetails => DomainStatus.AwaitingRecipientDetails,
        PayoutStatus.InitiationPending => DomainStatus.InitiationPending,
        PayoutStatus.InitiationProcessing => DomainStatus.InitiationProcessing,
        PayoutStatus.InitiationCompleted => DomainStatus.InitiationCompleted,
        PayoutStatus.InitiationRejected => DomainStatus.InitiationRejected,
        PayoutStatus.InitiationFailed => DomainStatus.InitiationFailed,
        PayoutStatus.Cancelled => DomainStatus.Cancelled,
        PayoutStatus.Returned => DomainStatus.Returned,
        _ => (DomainStatus)(-1),
    };

    private static IUseCases UseCases(ServerCallContext context) => context.Services.GetRequiredService<IUseCases>();
}
