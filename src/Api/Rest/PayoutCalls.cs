using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Services;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Contracts.V1;

namespace Payouts.Api.Rest;

/// <summary>
/// What PayoutService.CreatePayout and GetPayout do, for the seed routes that answer them in seed 001's and 002's shapes:
/// the same checks and use cases, the answer as the proto payout the shapes are written from.
/// </summary>
internal static class PayoutCalls
{
    /// <param name="readInitiation">Reads the initiation from the body as the route's seed spells it, with its metadata as sent.</param>
    /// <param name="fieldPrefix">Where the initiation sits in the route's body, so errors name fields as the caller wrote them.</param>
    public static async Task<SeedPayout> CreateAsync(
        HttpContext http, IUseCases useCases, Func<Task<(PayoutInitiation? Initiation, string? MetadataJson)>> readInitiation, string fieldPrefix)
    {
        var merchant = PayoutGrpcService.RequirePayoutPermission(http.User.RequireMerchant());
        SeedReply.RefuseQuery(http.Request);
        var (initiation, metadataJson) = await readInitiation();
        var command = PayoutGrpcService.ToCommand(initiation, merchant, http.Request.IdempotencyKey(), metadataJson);
        var outcome = await useCases.SendAsync(command, http.RequestAborted);
        if (!outcome.IsSuccess && fieldPrefix.Length > 0)
        {
            outcome = outcome.Error with { Violations = [.. outcome.Error.Violations.Select(v => v with { Field = fieldPrefix + v.Field })] };
        }

        var view = outcome.OrThrow();
        return SeedPayout.Of(view) with { Created = !view.Replayed };
    }

    public static async Task<SeedPayout> CancelAsync(HttpContext http, IUseCases useCases, string id)
    {
        var merchant = PayoutGrpcService.RequirePayoutPermission(http.User.RequireMerchant());
        SeedReply.RefuseQuery(http.Request);
        await SeedRequest.BodyAsync<Google.Protobuf.WellKnownTypes.Empty>(http); // no body, or {}: any field is refused by name
        return SeedPayout.Of((await useCases.SendAsync(new CancelPayoutCommand(merchant.Id, id), http.RequestAborted)).OrThrow());
    }

    public static async Task<SeedPayout> GetAsync(HttpContext http, IUseCases useCases, string id)
    {
        var query = PayoutGrpcService.ToQuery(new GetPayoutRequest { Id = id }, http.User.RequireMerchant());
        SeedReply.RefuseQuery(http.Request);
        return SeedPayout.Of((await useCases.AskAsync(query, http.RequestAborted)).OrThrow());
    }
}

/// <summary>
/// A payout for the seeds' shapes: the proto payout they are written from, the metadata exactly as the merchant sent it
/// (the proto's Struct would give numbers back as doubles), and whether this request created it.
/// </summary>
internal sealed record SeedPayout(Payout Proto, string? MetadataJson, bool Created)
{
    public static SeedPayout Of(PayoutView view) => new(view.Adapt<Payout>(ProtoMapping.Config), view.MetadataJson, false);
}
