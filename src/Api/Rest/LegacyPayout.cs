using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Payouts.Contracts.V1;

namespace Payouts.Api.Rest;

/// <summary>
/// A payout in the seeds' words: seed 001's <c>status</c> (pending, succeeded, failed, cancelled) and seed 002's
/// <c>initiationStatus</c> (INITIATION_PENDING...), written from the proto enums the RPCs answer.
/// </summary>
internal static class LegacyPayout
{
    private const string StatePrefix = "PAYOUT_STATE_";
    private const string StatusPrefix = "PAYOUT_STATUS_";
    private static readonly EnumDescriptor StateEnum = PayoutReflection.Descriptor.FindTypeByName<EnumDescriptor>("PayoutState");
    private static readonly EnumDescriptor StatusEnum = PayoutReflection.Descriptor.FindTypeByName<EnumDescriptor>("PayoutStatus");

    public static string StateWord(PayoutState state) => Strip(NameOf(StateEnum, (int)state), StatePrefix).ToLowerInvariant();

    public static string StatusName(PayoutStatus status) => Strip(NameOf(StatusEnum, (int)status), StatusPrefix);

    /// <summary>A seed 002 <c>statuses</c> filter value in the proto's spelling: INITIATION_COMPLETED becomes PAYOUT_STATUS_INITIATION_COMPLETED.</summary>
    public static string StatusFilter(FieldDescriptor field, string value) =>
        field.FieldType == FieldType.Enum && field.EnumType == StatusEnum
            && StatusEnum.FindValueByName(value) is null && StatusEnum.FindValueByName(StatusPrefix + value) is not null
            ? StatusPrefix + value
            : value;

    /// <summary>Every name a filter on <paramref name="type"/> takes: the proto names, and the seed's INITIATION_* for payout statuses.</summary>
    public static IEnumerable<string> FilterNames(EnumDescriptor type) => type == StatusEnum
        ? StatusEnum.Values.Select(v => Strip(v.Name, StatusPrefix)).Concat(StatusEnum.Values.Select(v => v.Name)).Distinct()
        : type.Values.Select(v => v.Name);

    /// <summary>The stored metadata text as a JSON value, which writes its numbers with the digits they were sent with.</summary>
    public static JsonElement? Metadata(string? metadataJson) =>
        metadataJson is null ? null : JsonDocument.Parse(metadataJson).RootElement.Clone();

    /// <summary>RFC 3339 in UTC, as proto3 JSON writes a Timestamp.</summary>
    public static string Time(Timestamp? time) => time is null ? "" : JsonFormatter.Default.Format(time).Trim('"');

    public static string? Optional(string text) => text.Length == 0 ? null : text;

    /// <summary>A value unknown to this build (proto3 enums are open) is written as its number, as proto3 JSON does.</summary>
    private static string NameOf(EnumDescriptor type, int number) =>
        type.FindValueByNumber(number)?.Name ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Strip(string name, string prefix) => name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
}
