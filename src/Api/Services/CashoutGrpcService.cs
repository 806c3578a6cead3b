using Payouts.Api.Auth;
using Payouts.Api.Grpc.Server;
using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Balances.Queries.GetBalance;
using Google.Protobuf.WellKnownTypes;
using Payouts.Application.Cashouts;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Cashouts.Queries.GetCashout;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services;

/// <summary>
/// <c>payouts.v1.CashoutService</c> (proto/payouts/v1/cashout_service.proto): a user's balance and
/// cashouts. Each RPC maps its request to one use case in src/Application and the result back.
/// </summary>
public sealed class CashoutGrpcService : IGrpcService
{
    /// <summary>Scope a service token needs to credit balances.</summary>
    public const string BalancesWriteScope = "balances:write";

    public ServiceDescriptor Descriptor => CashoutServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CashoutService");

    public void Bind(ServiceBinder binder)
    {
        binder
            .Unary<ProcessCashoutRequest, ProcessCashoutResponse>("ProcessCashout", ProcessCashout)
            .Unary<GetBalanceRequest, GetBalanceResponse>("GetBalance", GetBalance)
            .Unary<CreditBalanceRequest, CreditBalanceResponse>("CreditBalance", CreditBalance)
            .Unary<GetCashoutRequest, GetCashoutResponse>("GetCashout", GetCashout)
            .Unary<ListCashoutsRequest, ListCashoutsResponse>("ListCashouts", ListCashouts);
    }

    private static async Task<ProcessCashoutResponse> ProcessCashout(ProcessCashoutRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var command = new ProcessCashoutCommand(
            caller.Id, request.Type, request.HasAmount ? request.Amount : null, request.Provider, request.Currency, context.IdempotencyKey());
        var cashout = (await UseCases(context).SendAsync(command, context.CancellationToken)).OrThrow();
        return new ProcessCashoutResponse
        {
            Message = "Cashout processed successfully",
            CashoutId = cashout.CashoutId,
            Amount = cashout.Amount,
            Type = cashout.Type,
            Status = cashout.Status,
        };
    }

    private static async Task<GetBalanceResponse> GetBalance(GetBalanceRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var balance = (await UseCases(context).AskAsync(new GetBalanceQuery(caller.Id, request.Currency), context.CancellationToken)).OrThrow();
        return new GetBalanceResponse { Available = balance.Available, Reserved = balance.Reserved, Currency = balance.Currency };
    }

    private static async Task<CreditBalanceResponse> CreditBalance(CreditBalanceRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        caller.RequireScope(BalancesWriteScope);
        var command = new CreditBalanceCommand(
            caller.Id, request.UserId, request.Amount, request.Currency, request.Reference, context.IdempotencyKey());
        var credited = (await UseCases(context).SendAsync(command, context.CancellationToken)).OrThrow();
        return new CreditBalanceResponse
        {
            Reference = credited.Reference,
            AlreadyApplied = credited.AlreadyApplied,
            Available = credited.Available,
            Currency = credited.Currency,
        };
    }

    private static async Task<GetCashoutResponse> GetCashout(GetCashoutRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var cashout = (await UseCases(context).AskAsync(new GetCashoutQuery(caller.Id, request.CashoutId), context.CancellationToken)).OrThrow();
        return new GetCashoutResponse { Cashout = ToProto(cashout) };
    }

    private static async Task<ListCashoutsResponse> ListCashouts(ListCashoutsRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        var query = new ListCashoutsQuery(caller.Id, request.PageSize, request.PageToken);
        var page = (await UseCases(context).AskAsync(query, context.CancellationToken)).OrThrow();
        var response = new ListCashoutsResponse { NextPageToken = page.NextPageToken };
        response.Cashouts.AddRange(page.Cashouts.Select(ToProto));
        return response;
    }

    private static Cashout ToProto(CashoutView cashout) => new()
    {
        Id = cashout.Id,
        Amount = cashout.Amount,
        Currency = cashout.Currency,
        Type = cashout.Type,
        Provider = cashout.Provider,
        Status = cashout.Status,
        CreateTime = Timestamp.FromDateTimeOffset(cashout.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(cashout.UpdatedAt),
    };

    private static IUseCases UseCases(ServerCallContext context) => context.Services.GetRequiredService<IUseCases>();
}
