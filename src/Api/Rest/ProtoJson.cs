using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Payouts.Api.Rest;

/// <summary>The one proto3 JSON configuration REST uses, both ways (GRPC.md §5.4).</summary>
internal static class ProtoJson
{
    // Any appears only in google.rpc.Status details; these are the detail types our handlers send.
    private static readonly TypeRegistry Types = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor, StatusReflection.Descriptor);

    /// <summary>
    /// Rejects unknown fields (the proto3 JSON default). Money is at stake: a misspelt field such as
    /// "externalID" or "webhookURL" silently ignored would create a payout without the caller's idempotency
    /// anchor or send its webhook elsewhere, so the caller learns about it with a 400 naming the field instead.
    /// </summary>
    public static JsonParser Parser { get; } = new(JsonParser.Settings.Default.WithTypeRegistry(Types));

    /// <summary>
    /// The protobuf defaults, which we promise REST callers: int64 as strings (no precision lost in
    /// JavaScript), enums by name, fields holding their default left out, well-known types in their JSON forms.
    /// </summary>
    public static JsonFormatter Formatter { get; } = new(JsonFormatter.Settings.Default.WithTypeRegistry(Types));

    /// <summary>An error as google.rpc.Status JSON, its details (BadRequest, ErrorInfo) with their @type.</summary>
    public static string Format(Google.Rpc.Status status) => Formatter.Format(status);
}
