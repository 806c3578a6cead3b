using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Payouts.Api.OpenApi;
using Payouts.Contracts.V1;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// A payout as the legacy routes show it: <c>status</c> in seed 001's words (pending, succeeded, failed,
/// cancelled) and <c>initiationStatus</c> in seed 002's (INITIATION_PENDING...), as the README documents,
/// instead of the proto enum names standard transcoding prints.
/// </summary>
internal static class LegacyPayoutJson
{
    public static readonly EnumDescriptor StatusEnum = PayoutReflection.Descriptor.FindTypeByName<EnumDescriptor>("PayoutStatus");
    private static readonly EnumDescriptor StateEnum = PayoutReflection.Descriptor.FindTypeByName<EnumDescriptor>("PayoutState");
    private const string StatePrefix = "PAYOUT_STATE_";
    private const string StatusPrefix = "PAYOUT_STATUS_";

    // Seed 001's payment object, in the seed's order; redirectUrl, customer and webhookUrl are not echoed back.
    private static readonly string[] Seed001Fields = ["id", "status", "url", "externalId", "amount", "currency", "description", "metadata", "createdAt"];

    /// <summary>Every field of the payout in proto3 JSON, with the two statuses in the seeds' words.</summary>
    public static JsonObject Full(Payout payout)
    {
        var json = JsonNode.Parse(ProtoJson.Formatter.Format(payout))!.AsObject();
        json["status"] = StateName(payout.Status);
        json["initiationStatus"] = StatusName(payout.InitiationStatus);
        return json;
    }

    /// <summary>Seed 001's fields only. Unset optional ones (externalId, description, metadata) are left out.</summary>
    public static JsonObject Seed001(Payout payout)
    {
        var full = Full(payout);
        var json = new JsonObject();
        foreach (var name in Seed001Fields)
        {
            if (full[name] is { } value)
            {
                json[name] = value.DeepClone();
            }
        }

        return json;
    }

    /// <summary>
    /// The schema of <see cref="Full"/>: every Payout field as proto3 JSON types it, the two statuses as the
    /// names it writes. Required: what every stored payout has.
    /// </summary>
    public static JsonObject FullSchema(SchemaRegistry schemas) =>
        Schema(schemas, [.. Payout.Descriptor.Fields.InDeclarationOrder().Select(f => f.JsonName)], ["id", "status", "initiationStatus", "amount", "currency", "createdAt"]);

    /// <summary>The schema of <see cref="Seed001"/>.</summary>
    public static JsonObject Seed001Schema(SchemaRegistry schemas) =>
        Schema(schemas, Seed001Fields, ["id", "status", "amount", "currency", "createdAt"]);

    /// <summary>Every value a seed 002 <c>statuses</c> filter takes by name: the seed's INITIATION_* and the proto names.</summary>
    public static IEnumerable<string> StatusFilterNames() =>
        StatusEnum.Values.Select(v => StatusName((PayoutStatus)v.Number)).Concat(StatusEnum.Values.Select(v => v.Name));

    private static JsonObject Schema(SchemaRegistry schemas, IReadOnlyList<string> names, string[] required)
    {
        var properties = new JsonObject();
        foreach (var name in names)
        {
            properties[name] = name switch
            {
                "status" => Names(StateEnum.Values.Select(v => StateName((PayoutState)v.Number))),
                "initiationStatus" => Names(StatusEnum.Values.Select(v => StatusName((PayoutStatus)v.Number))),
                _ => schemas.Field(Payout.Descriptor.Fields.InDeclarationOrder().Single(f => f.JsonName == name)),
            };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode?)JsonValue.Create(r))]),
            ["properties"] = properties,
        };
    }

    private static JsonObject Names(IEnumerable<string> names) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]) };

    /// <summary>A seed 002 status filter: INITIATION_COMPLETED for PAYOUT_STATUS_INITIATION_COMPLETED.</summary>
    public static string StatusFilter(string value) =>
        StatusEnum.FindValueByName(value) is null && StatusEnum.FindValueByName(StatusPrefix + value) is not null
            ? StatusPrefix + value
            : value;

    private static string StateName(PayoutState state) =>
        Strip(StateEnum.FindValueByNumber((int)state)?.Name, StatePrefix)?.ToLowerInvariant() ?? ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string StatusName(PayoutStatus status) =>
        Strip(StatusEnum.FindValueByNumber((int)status)?.Name, StatusPrefix) ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Strip(string? name, string prefix) =>
        name is not null && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
}
