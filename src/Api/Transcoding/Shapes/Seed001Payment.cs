using System.Text.Json.Nodes;
using Google.Protobuf;
using Payouts.Api.OpenApi;
using Payouts.Contracts.V1;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// Seed 001's <c>/api/payments</c>: the bare payment object (the rule's <c>response_body: "payout"</c>) in the
/// seed's fields, and <c>201 Created</c> for a payout this request created, <c>200 OK</c> for a replay.
/// Errors are standard google.rpc.Status JSON: the seed documents none.
/// </summary>
internal sealed class Seed001Payment : RestShape
{
    public static readonly Seed001Payment Instance = new();

    public override RestReply Success(RestExchange exchange, IMessage response)
    {
        var payout = exchange.Route.ResponseBodyField?.Accessor.GetValue(response) as Payout ?? new Payout();
        var status = HttpMethods.IsPost(exchange.Route.HttpMethod) && IsNew(payout, exchange.StartedAt)
            ? StatusCodes.Status201Created
            : StatusCodes.Status200OK;
        return new(status, LegacyPayoutJson.Seed001(payout).ToJsonString());
    }

    public override string Describe() =>
        "Seed 001's route: answers the bare payment object (status pending, succeeded, failed or cancelled); errors are google.rpc.Status.";

    public override IReadOnlyList<DocumentedResponse> SuccessResponses(HttpBinding route, SchemaRegistry schemas, JsonObject standard)
    {
        var payment = schemas.Named("legacy.seed001.Payment", () => LegacyPayoutJson.Seed001Schema(schemas));
        return HttpMethods.IsPost(route.HttpMethod)
            ? [new("201", "Created: this request created the payout.", payment),
               new("200", "OK: a replay (same Idempotency-Key, or same externalId and body) answers the existing payout.", payment)]
            : [new("200", "OK", payment)];
    }

    /// <summary>
    /// The handler does not say whether it replayed, but its clock does: a payout created by this request
    /// was created after the request started, and a replay (same Idempotency-Key or externalId) returns one
    /// created by an earlier request. Compared at the millisecond the store keeps.
    /// </summary>
    private static bool IsNew(Payout payout, DateTimeOffset startedAt) =>
        payout.CreateTime is { } created
        && created.ToDateTimeOffset().ToUnixTimeMilliseconds() >= startedAt.ToUnixTimeMilliseconds();
}
