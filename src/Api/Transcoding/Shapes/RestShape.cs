using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// How a route's JSON looks on the wire. The base class is standard transcoding: the response (or its
/// <c>response_body</c> field) in proto3 JSON, HTTP 200, and errors as <c>google.rpc.Status</c> JSON. Legacy
/// routes override parts of it (see <see cref="LegacyShapes"/>); the message bound and the handler run are
/// the same either way.
/// </summary>
internal class RestShape
{
    public static readonly RestShape Standard = new();

    /// <summary>A query parameter's text before it is bound, for legacy spellings of enum values.</summary>
    public virtual string QueryValue(FieldDescriptor field, string value) => value;

    public virtual RestReply Success(RestExchange exchange, IMessage response) =>
        new(StatusCodes.Status200OK, ResponseJson(exchange.Route, response)?.ToJsonString() ?? "null");

    public virtual RestReply Error(Google.Rpc.Status status, int httpStatus) =>
        new(httpStatus, ProtoJson.Formatter.Format(status));

    /// <summary>
    /// The response as proto3 JSON, or only its <c>response_body</c> field when the rule names one (null is
    /// JSON null: a scalar field holding its default).
    /// </summary>
    protected static JsonNode? ResponseJson(HttpBinding route, IMessage response)
    {
        var json = JsonNode.Parse(ProtoJson.Formatter.Format(response))!;
        if (route.ResponseBodyField is not { } field)
        {
            return json;
        }

        // Defaults are left out of proto3 JSON; an unset message or map is {} and an empty list [], so callers can read them.
        return json[field.JsonName]?.DeepClone() ?? field switch
        {
            { IsMap: true } or { IsRepeated: false, FieldType: FieldType.Message } => new JsonObject(),
            { IsRepeated: true } => new JsonArray(),
            _ => null,
        };
    }
}

/// <summary>One REST call as a shape sees it: the route, the bound request and when the call started.</summary>
internal sealed record RestExchange(HttpBinding Route, IMessage Request, DateTimeOffset StartedAt);

/// <summary>What goes back: an HTTP status and a JSON body.</summary>
internal readonly record struct RestReply(int StatusCode, string Json);
