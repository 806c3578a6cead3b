using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Swagger;
using Payouts.Api.Services;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;

namespace Payouts.Api.Rest;

/// <summary>
/// Seed 002's <c>POST /payouts</c>, <c>GET /payouts</c> and <c>GET /payouts/{id}</c>: <c>{"payout": {...}}</c> and
/// <c>{"payouts": [...], "paging": {...}}</c>, with <c>initiationStatus</c> and the <c>statuses</c> filter in the seed's
/// INITIATION_* names (proto names and numbers work too). Errors are google.rpc.Status JSON with the seed's HTTP codes.
/// </summary>
internal static class Seed002Routes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/payouts", (HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
            {
                var payout = await PayoutCalls.CreateAsync(http, useCases, async () =>
                {
                    var (request, json) = await SeedRequest.BodyAndJsonAsync<CreatePayoutRequest>(http);
                    return (request.Initiation, CompactJson.At(json, "initiation", "metadata"));
                }, fieldPrefix: "initiation.");
                return SeedReply.Ok(new PayoutResponse(LegacyPayoutView.Of(payout)));
            }, ProtoJson.Format))
            .Documented<CreatePayoutRequest, PayoutResponse>("PayoutService_CreatePayout_2", "Create a payout (seed 002)");

        routes.MapGet("/payouts", (HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
            {
                var merchant = http.User.RequireMerchant();
                var request = SeedRequest.Query<ListPayoutsRequest>(http.Request.Query, LegacyPayout.StatusFilter);
                var page = (await useCases.AskAsync(PayoutGrpcService.ToQuery(request, merchant), http.RequestAborted)).OrThrow();
                return SeedReply.Ok(new PayoutList(
                    [.. page.Payouts.Select(view => LegacyPayoutView.Of(SeedPayout.Of(view)))],
                    new Paging(request.Limit, page.NextOffset, page.NextOffset)));
            }, ProtoJson.Format))
            .Documented<PayoutList>("PayoutService_ListPayouts", "List payouts (seed 002)", query: ListPayoutsRequest.Descriptor);

        routes.MapGet("/payouts/{id}", (string id, HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
                SeedReply.Ok(new PayoutResponse(LegacyPayoutView.Of(await PayoutCalls.GetAsync(http, useCases, id)))), ProtoJson.Format))
            .Documented<PayoutResponse>("PayoutService_GetPayout_2", "Get a payout (seed 002)");

        // Seed 002's family answers in seed 002's words: the same wrapper and INITIATION_* names as GET /payouts/{id}.
        routes.MapPost("/payouts/{id}:cancel", (string id, HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
                SeedReply.Ok(new PayoutResponse(LegacyPayoutView.Of(await PayoutCalls.CancelAsync(http, useCases, id)))), ProtoJson.Format))
            .Documented<PayoutResponse>("PayoutService_CancelPayout", "Cancel a payout (seed 002's shape)");
    }

    public sealed record PayoutResponse(LegacyPayoutView Payout);

    public sealed record PayoutList(IReadOnlyList<LegacyPayoutView> Payouts, Paging Paging);

    /// <summary>The seed's paging: the <c>limit</c> asked for and the <c>offset</c> to send next ("" at the end); <c>nextOffset</c> is the same.</summary>
    public sealed record Paging(int Limit, string Offset, string NextOffset);

    /// <summary>Every field of a payout, with <c>status</c> in seed 001's words and <c>initiationStatus</c> in seed 002's.</summary>
    public sealed record LegacyPayoutView(
        string Id,
        [property: AllowedValues("pending", "succeeded", "failed", "cancelled")] string Status,
        [property: AllowedValues("INITIATION_PENDING", "INITIATION_PROCESSING", "INITIATION_COMPLETED", "INITIATION_REJECTED", "INITIATION_FAILED",
            "AWAITING_RECIPIENT_DETAILS", "CANCELLED", "RETURNED")]
        string InitiationStatus,
        string Url,
        string? ExternalId,
        string Amount,
        string Currency,
        string? Description,
        JsonElement? Metadata,
        [property: DataType(DataType.DateTime)] string CreatedAt,
        [property: DataType(DataType.DateTime)] string UpdatedAt,
        string? RefId,
        string? OnBehalfOfId)
    {
        public static LegacyPayoutView Of(SeedPayout seed) => Of(seed.Proto, seed.MetadataJson);

        private static LegacyPayoutView Of(Payout payout, string? metadataJson) => new(
            payout.Id,
            LegacyPayout.StateWord(payout.Status),
            LegacyPayout.StatusName(payout.InitiationStatus),
            payout.Url,
            LegacyPayout.Optional(payout.ExternalId),
            payout.Amount,
            payout.Currency,
            LegacyPayout.Optional(payout.Description),
            LegacyPayout.Metadata(metadataJson),
            LegacyPayout.Time(payout.CreateTime),
            LegacyPayout.Time(payout.UpdateTime),
            LegacyPayout.Optional(payout.RefId),
            LegacyPayout.Optional(payout.OnBehalfOfId));
    }
}
