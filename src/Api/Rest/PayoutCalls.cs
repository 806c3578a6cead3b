using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Services;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;

namespace Payouts.Api.Rest;

/// <summary>
/// What PayoutService.CreatePayout and GetPayout do, for the seed routes that answer them in seed 001's and 002's shapes:
/// the same checks and use cases, the answer as the proto payout the shapes are written from.
/// </summary>
internal static class PayoutCalls
{
    /// <param name="readInitiation">Reads the initiation from the body, as the route's seed spells it.</param>
    /// <returns>The payout, and whether this request created it (false: it replayed an earlier request's payout).</returns>
    public static async Task<(Payout Payout, bool Created)> CreateAsync(HttpContext http, IUseCases useCases, Func<Task<PayoutInitiation?>> readInitiation)
    {
        var merchant = PayoutGrpcService.RequirePayoutPermission(http.User.RequireMerchant());
        SeedReply.RefuseQuery(http.Request);
        var command = PayoutGrpcService.ToCommand(await readInitiation(), merchant, http.Request.IdempotencyKey());
        var view = (await useCases.SendAsync(command, http.RequestAborted)).OrThrow();
        return (view.Adapt<Payout>(ProtoMapping.Config), !view.Replayed);
    }

    public static async Task<Payout> GetAsync(HttpContext http, IUseCases useCases, string id)
    {
        var query = PayoutGrpcService.ToQuery(new GetPayoutRequest { Id = id }, http.User.RequireMerchant());
        SeedReply.RefuseQuery(http.Request);
        return (await useCases.AskAsync(query, http.RequestAborted)).OrThrow().Adapt<Payout>(ProtoMapping.Config);
    }
}
