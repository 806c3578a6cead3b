using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.OpenApi;
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

    public override string Describe() =>
        "Seed 002's route: answers {\"payout\"} or {\"payouts\",\"paging\"} with initiationStatus as INITIATION_* names; errors are google.rpc.Status.";

    /// <summary>A <c>statuses</c> filter also takes the seed's INITIATION_* names (<see cref="QueryValue"/>).</summary>
    public override JsonObject QueryParameterSchema(FieldDescriptor field, SchemaRegistry schemas, JsonObject standard)
    {
        if (field.FieldType != FieldType.Enum || field.EnumType != LegacyPayoutJson.StatusEnum)
        {
            return standard;
        }

        var filter = schemas.Named("legacy.seed002.PayoutStatusFilter", () => new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray([.. LegacyPayoutJson.StatusFilterNames().Distinct().Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["description"] = "A payout status by the seed's name (INITIATION_COMPLETED) or the proto name (PAYOUT_STATUS_INITIATION_COMPLETED).",
        });
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = filter } : filter;
    }

    public override IReadOnlyList<DocumentedResponse> SuccessResponses(HttpBinding route, SchemaRegistry schemas, JsonObject standard)
    {
        var output = route.Method.OutputType;
        if (output == CreatePayoutResponse.Descriptor || output == GetPayoutResponse.Descriptor)
        {
            return [new("200", "OK", schemas.Named("legacy.seed002.PayoutResponse", () => Object(("payout", Payout(schemas)))))];
        }

        if (output == ListPayoutsResponse.Descriptor)
        {
            var paging = Object(
                ("limit", new JsonObject { ["type"] = "integer", ["format"] = "int32", ["description"] = "The limit asked for." }),
                ("offset", new JsonObject { ["type"] = "string", ["description"] = "The offset to send for the next page; empty at the end." }),
                ("nextOffset", new JsonObject { ["type"] = "string", ["description"] = "The same as offset." }));
            return [new("200", "OK", schemas.Named("legacy.seed002.PayoutList", () => Object(
                ("payouts", new JsonObject { ["type"] = "array", ["items"] = Payout(schemas) }),
                ("paging", paging))))];
        }

        return base.SuccessResponses(route, schemas, standard);
    }

    private static JsonObject Payout(SchemaRegistry schemas) => schemas.Named("legacy.seed002.Payout", () => LegacyPayoutJson.FullSchema(schemas));

    /// <summary>An object schema whose properties are all required, as <see cref="Success"/> always writes them.</summary>
    private static JsonObject Object(params (string Name, JsonObject Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray([.. properties.Select(p => (JsonNode?)JsonValue.Create(p.Name))]),
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
    };

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
