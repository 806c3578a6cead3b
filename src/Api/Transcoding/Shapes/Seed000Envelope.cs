using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Payouts.Api.OpenApi;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// Seed 000's envelope: <c>{"status":"success","data":{...}}</c> with the response's fields, int64 fields as
/// JSON numbers (the seed's <c>cashout_id</c> and <c>amount</c> are numbers), and errors as
/// <c>{"status":"error","message":"..."}</c> carrying the handler's message, which is the seed's own text.
/// </summary>
internal sealed class Seed000Envelope : RestShape
{
    public static readonly Seed000Envelope Instance = new();

    /// <summary>The seed's message for an amount that is not an integer number of cents.</summary>
    public const string InvalidAmount = "Invalid amount";

    public override RestReply Success(RestExchange exchange, IMessage response)
    {
        var data = ResponseJson(exchange.Route, response) as JsonObject ?? [];
        foreach (var field in response.Descriptor.Fields.InDeclarationOrder().Where(IsInt64))
        {
            if (data[field.JsonName] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                // The formatter's decimal digits, re-read as a JSON number literal: exact for any 64-bit value.
                data[field.JsonName] = JsonNode.Parse(text);
            }
        }

        return new(StatusCodes.Status200OK, new JsonObject { ["status"] = "success", ["data"] = data }.ToJsonString());
    }

    public override RestReply Error(Google.Rpc.Status status, int httpStatus) =>
        new(httpStatus, new JsonObject { ["status"] = "error", ["message"] = Message(status) }.ToJsonString());

    public override string Describe() =>
        "Seed 000's route: answers {\"status\":\"success\",\"data\":{...}} with 64-bit integers as JSON numbers, errors {\"status\":\"error\",\"message\":...}.";

    /// <summary>The seed's callers send 64-bit integers (<c>amount</c>) as JSON numbers, which proto3 JSON also reads.</summary>
    public override JsonObject? RequestBodySchema(HttpBinding route, SchemaRegistry schemas, JsonObject? standard) =>
        standard is null || !route.Method.InputType.Fields.InDeclarationOrder().Any(IsInt64)
            ? standard
            : schemas.Named($"legacy.seed000.{route.Method.InputType.Name}", () => Int64AsNumbers(schemas.Resolve(standard), route.Method.InputType, required: false));

    /// <summary>
    /// The envelope around the response's fields as <see cref="Success"/> writes them. The fields without
    /// explicit presence are required: the seed always sends them, while its <c>optional</c> ones (a link's
    /// <c>link</c> or <c>payee_id</c>) appear only for some providers.
    /// </summary>
    public override IReadOnlyList<DocumentedResponse> SuccessResponses(HttpBinding route, SchemaRegistry schemas, JsonObject standard)
    {
        var output = route.Method.OutputType;
        var envelope = schemas.Named($"legacy.seed000.{output.Name}", () => new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("status", "data"),
            ["properties"] = new JsonObject
            {
                ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("success") },
                ["data"] = Int64AsNumbers(schemas.Resolve(standard), output, required: true),
            },
        });
        return [new("200", "OK, in seed 000's envelope.", envelope)];
    }

    public override DocumentedResponse ErrorResponse(SchemaRegistry schemas) => new(
        "default",
        "Error in seed 000's envelope, with the seed's message; the HTTP status is mapped from the gRPC code.",
        schemas.Named("legacy.seed000.Error", () => new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("status", "message"),
            ["properties"] = new JsonObject
            {
                ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("error") },
                ["message"] = new JsonObject { ["type"] = "string" },
            },
        }));

    /// <summary>The message's schema with its top-level 64-bit integers as JSON integers, as <see cref="Success"/> writes them.</summary>
    private static JsonObject Int64AsNumbers(JsonObject schema, MessageDescriptor message, bool required)
    {
        var properties = schema["properties"]!.AsObject();
        foreach (var field in message.Fields.InDeclarationOrder().Where(f => IsInt64(f) && properties.ContainsKey(f.JsonName)))
        {
            properties[field.JsonName] = new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        var always = message.Fields.InDeclarationOrder()
            .Where(f => !f.HasPresence && !f.IsRepeated && !f.IsMap && properties.ContainsKey(f.JsonName))
            .Select(f => (JsonNode?)JsonValue.Create(f.JsonName)).ToArray();
        if (required && always.Length > 0)
        {
            schema["required"] = new JsonArray(always);
        }

        return schema;
    }

    /// <summary>
    /// A body whose amount does not parse (a string, a fraction) gets the seed's "Invalid amount", as the
    /// handler says for an amount out of range; other binding errors keep the message naming the problem.
    /// </summary>
    private static string Message(Google.Rpc.Status status)
    {
        var amountRejected = status.Details
            .Where(d => d.Is(BadRequest.Descriptor))
            .SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
            .Any(v => v.Field == "amount");
        return amountRejected && status.Code == (int)Code.InvalidArgument && status.Message.StartsWith("Invalid value for field", StringComparison.Ordinal)
            ? InvalidAmount
            : status.Message;
    }

    private static bool IsInt64(FieldDescriptor field) => !field.IsRepeated && field.FieldType is
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64;
}
