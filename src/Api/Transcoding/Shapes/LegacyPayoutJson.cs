using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
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
