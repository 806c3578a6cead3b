using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Contracts.V1;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// Seed 002's <c>/payouts</c>: <c>{"payout": {...}}</c> and <c>{"payouts": [...], "paging": {...}}</c>, with
/// <c>statuses</c> filters and <c>initiationStatus</c> values as INITIATION_* names. Errors are standard
/// google.rpc.Status JSON with the HTTP statuses the seed lists.
/// </summary>
internal sealed class Seed002Payouts : RestShape
{
    public static readonly Seed002Payouts Instance = new();

    public override string QueryValue(FieldDescriptor field, string value) =>
        field.FieldType == FieldType.Enum && field.EnumType == LegacyPayoutJson.StatusEnum ? LegacyPayoutJson.StatusFilter(value) : value;

    public override RestReply Success(RestExchange exchange, IMessage response)
    {
        var json = response switch
        {
            CreatePayoutResponse created => Single(created.Payout),
            GetPayoutResponse got => Single(got.Payout),
            ListPayoutsResponse list => Page(list, (ListPayoutsRequest)exchange.Request),
            _ => ResponseJson(exchange.Route, response),
        };
        return new(StatusCodes.Status200OK, json?.ToJsonString() ?? "null");
    }

    private static JsonObject Single(Payout? payout) => new() { ["payout"] = LegacyPayoutJson.Full(payout ?? new Payout()) };

    /// <summary>
    /// The seed's paging: the <c>limit</c> asked for and the <c>offset</c> to send for the next page ("" at the
    /// end). <c>nextOffset</c>, the proto name the README documents, carries the same value.
    /// </summary>
    private static JsonObject Page(ListPayoutsResponse list, ListPayoutsRequest request)
    {
        var next = list.Paging?.NextOffset ?? "";
        return new JsonObject
        {
            ["payouts"] = new JsonArray([.. list.Payouts.Select(p => (JsonNode)LegacyPayoutJson.Full(p))]),
            ["paging"] = new JsonObject { ["limit"] = request.Limit, ["offset"] = next, ["nextOffset"] = next },
        };
    }
}
