using Payouts.Api.RateLimiting;
using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Balances.Queries.GetBalance;
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
[RateLimited(RateLimitedAttribute.Cashouts)]
public sealed class CashoutGrpcService(IUseCases useCases) : CashoutService.CashoutServiceBase
{
    /// <summary>Scope a service token needs to credit balances.</summary>
    public const string BalancesWriteScope = AuthScopes.BalancesWrite;

    public override async Task<ProcessCashoutResponse> ProcessCashout(ProcessCashoutRequest request, ServerCallContext context)
    {
        var command = ToCommand(request, context.RequireUser(), context.IdempotencyKey());
        var cashout = (await useCases.SendAsync(command, context.CancellationToken)).OrThrow(context, request);
        return cashout.Adapt<ProcessCashoutResponse>(ProtoMapping.Config);
    }

    public override async Task<GetBalanceResponse> GetBalance(GetBalanceRequest request, ServerCallContext context)
    {
        var query = new GetBalanceQuery(context.RequireUser().Id, request.Currency);
        var balance = (await useCases.AskAsync(query, context.CancellationToken)).OrThrow(context, request);
        return balance.Adapt<GetBalanceResponse>(ProtoMapping.Config);
    }

    [RateLimited(RateLimitedAttribute.Credits)]
    public override async Task<CreditBalanceResponse> CreditBalance(CreditBalanceRequest request, ServerCallContext context)
    {
        var caller = context.RequireUser();
        caller.RequireScope(BalancesWriteScope);
        var command = new CreditBalanceCommand(caller.Id, request.UserId, request.Amount, request.Currency, request.Reference, context.IdempotencyKey());
        var credited = (await useCases.SendAsync(command, context.CancellationToken)).OrThrow(context, request);
        return credited.Adapt<CreditBalanceResponse>(ProtoMapping.Config);
    }

    public override async Task<GetCashoutResponse> GetCashout(GetCashoutRequest request, ServerCallContext context)
    {
        var query = new GetCashoutQuery(context.RequireUser().Id, request.CashoutId);
        var cashout = (await useCases.AskAsync(query, context.CancellationToken)).OrThrow(context, request);
        return new GetCashoutResponse { Cashout = cashout.Adapt<Cashout>(ProtoMapping.Config) };
    }

    public override async Task<ListCashoutsResponse> ListCashouts(ListCashoutsRequest request, ServerCallContext context)
    {
        var query = new ListCashoutsQuery(context.RequireUser().Id, request.PageSize, request.PageToken);
        var page = (await useCases.AskAsync(query, context.CancellationToken)).OrThrow(context, request);
        return page.Adapt<ListCashoutsResponse>(ProtoMapping.Config);
    }

    /// <summary>Also the seed 000 route's command (Rest/Seed000Endpoints): presence tells a missing amount from 0.</summary>
    internal static ProcessCashoutCommand ToCommand(ProcessCashoutRequest request, Caller caller, string? idempotencyKey) =>
        new(caller.Id, request.Type, request.HasAmount ? request.Amount : null, request.Provider, request.Currency, idempotencyKey);
}
