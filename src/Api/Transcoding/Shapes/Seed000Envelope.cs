using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

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
