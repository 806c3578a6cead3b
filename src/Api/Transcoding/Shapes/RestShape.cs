using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.OpenApi;

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

    // The same shape, described for the OpenAPI document (/openapi.json), so a client generated from it
    // sends and expects exactly what is served. The document builder passes the standard description of
    // the route; a legacy shape replaces the parts whose JSON it changes and must stay in step with the
    // methods above (OpenApi/LegacyRouteSchemaTests checks real responses against these schemas).

    /// <summary>A sentence for the operation's description saying whose shape the route keeps; null for standard routes.</summary>
    public virtual string? Describe() => null;

    /// <summary>The request body's schema; <paramref name="standard"/> is the bound body in proto3 JSON (null: no body).</summary>
    public virtual JsonObject? RequestBodySchema(HttpBinding route, SchemaRegistry schemas, JsonObject? standard) => standard;

    /// <summary>A query parameter's schema, for values <see cref="QueryValue"/> accepts beyond the proto3 JSON ones.</summary>
    public virtual JsonObject QueryParameterSchema(FieldDescriptor field, SchemaRegistry schemas, JsonObject standard) => standard;

    /// <summary>What <see cref="Success"/> answers: its HTTP status code(s) and JSON.</summary>
    /// <param name="standard">The response (or its <c>response_body</c> field) in proto3 JSON.</param>
    public virtual IReadOnlyList<DocumentedResponse> SuccessResponses(HttpBinding route, SchemaRegistry schemas, JsonObject standard) =>
        [new("200", "OK", standard)];

    /// <summary>What <see cref="Error"/> answers, for every error status.</summary>
    public virtual DocumentedResponse ErrorResponse(SchemaRegistry schemas) =>
        new("default", "Error: a google.rpc.Status, with the HTTP status mapped from its gRPC code.", schemas.Message(Google.Rpc.Status.Descriptor));

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

/// <summary>One documented response: the OpenAPI status key ("200", "201" or "default"), its description and JSON schema.</summary>
internal sealed record DocumentedResponse(string StatusCode, string Description, JsonObject Schema);

/// <summary>What goes back: an HTTP status and a JSON body.</summary>
internal readonly record struct RestReply(int StatusCode, string Json);
