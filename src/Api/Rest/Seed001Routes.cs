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
/// Seed 001's <c>POST /api/payments</c> and <c>GET /api/payments/{id}</c>: the body is the payment itself (the RPC's
/// <c>initiation</c>), the answer the bare payment object in the seed's fields, <c>201 Created</c> for a payout this
/// request created and <c>200 OK</c> for a replay. Errors are google.rpc.Status JSON: the seed documents none.
/// </summary>
internal static class Seed001Routes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/payments", (HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
            {
                var payout = await PayoutCalls.CreateAsync(http, useCases, async () =>
                {
                    var (initiation, json) = await SeedRequest.BodyAndJsonAsync<PayoutInitiation>(http);
                    return (initiation, CompactJson.At(json, "metadata"));
                }, fieldPrefix: "");
                return SeedReply.Ok(Payment.Of(payout), payout.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }, ProtoJson.Format))
            .Documented<PayoutInitiation, Payment>("PayoutService_CreatePayout", "Create a payout (seed 001)", StatusCodes.Status201Created);

        routes.MapGet("/api/payments/{id}", (string id, HttpContext http, IUseCases useCases) => SeedReply.RunAsync(http, async () =>
                SeedReply.Ok(Payment.Of(await PayoutCalls.GetAsync(http, useCases, id))), ProtoJson.Format))
            .Documented<Payment>("PayoutService_GetPayout", "Get a payout (seed 001)");
    }

    /// <summary>Seed 001's payment object, in the seed's order; redirectUrl, customer and webhookUrl are never echoed back.</summary>
    public sealed record Payment(
        string Id,
        [property: AllowedValues("pending", "succeeded", "failed", "cancelled")] string Status,
        string Url,
        string? ExternalId,
        string Amount,
        string Currency,
        string? Description,
        JsonElement? Metadata,
        [property: DataType(DataType.DateTime)] string CreatedAt)
    {
        public static Payment Of(SeedPayout seed) => Of(seed.Proto, seed.MetadataJson);

        private static Payment Of(Payout payout, string? metadataJson) => new(
            payout.Id,
            LegacyPayout.StateWord(payout.Status),
            payout.Url,
            LegacyPayout.Optional(payout.ExternalId),
            payout.Amount,
            payout.Currency,
            LegacyPayout.Optional(payout.Description),
            LegacyPayout.Metadata(metadataJson),
            LegacyPayout.Time(payout.CreateTime));
    }
}
