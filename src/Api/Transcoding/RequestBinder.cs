using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Transcoding.Shapes;

namespace Payouts.Api.Transcoding;

/// <summary>
/// Builds the request message of a REST call (GRPC.md §5.3): the body ("*" or one field), the query
/// parameters for fields neither the path nor the body binds, then the path variables, which win over
/// anything the body said about the same field because the URL names the resource. Whatever does not fit
/// is INVALID_ARGUMENT (400) naming the field, never silently dropped.
/// </summary>
internal static class RequestBinder
{
    public static async Task<IMessage> BindAsync(HttpContext http, RouteMatch match, RestShape shape, int maxBodyBytes)
    {
        var route = match.Route!;
        var input = route.Method.InputType;
        var message = input.Parser.ParseFrom(ByteString.Empty);
        if (route.Body != BodyKind.None)
        {
            var json = await ReadJsonBodyAsync(http, maxBodyBytes);
            if (route.Body == BodyKind.Whole)
            {
                message = BodyParser.Parse(input, json, "");
            }
            else
            {
                SetBodyField(message, route.BodyField!, json);
            }
        }

        BindQuery(http.Request.Query, route, message, shape);
        for (var i = 0; i < route.VariableFields.Count; i++)
        {
            var fields = route.VariableFields[i];
            var value = Decode(match.RawValues[i], route.Template.Variables[i].IsMultiSegment);
            Set(message, fields, value, "path variable");
        }

        return message;
    }

    private static void SetBodyField(IMessage message, FieldDescriptor field, string json)
    {
        if (field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap)
        {
            field.Accessor.SetValue(message, BodyParser.Parse(field.MessageType, json, field.Name + "."));
            return;
        }

        // A repeated, map or scalar body is that field's JSON value: parsed as the field of an object.
        var wrapped = $"{{\"{field.JsonName}\":{json}}}";
        message.MergeFrom(BodyParser.Parse(message.Descriptor, wrapped, "").ToByteString());
    }

    private static void BindQuery(IQueryCollection query, HttpBinding route, IMessage message, RestShape shape)
    {
        foreach (var (key, values) in query)
        {
            if (route.Body == BodyKind.Whole)
            {
                throw BadQuery(key, "query parameters are not accepted: the body carries the whole request.");
            }

            var fields = FieldPaths.Resolve(route.Method.InputType, key);
            if (fields is null || !FieldPaths.IsTextLeaf(fields[^1]) || fields[^1].IsRepeated && fields[^1].FieldType == FieldType.Message)
            {
                throw BadQuery(key, fields is null ? "unknown query parameter." : "this field cannot be set from the query.");
            }

            if (route.VariableFields.Any(v => v.SequenceEqual(fields)) || route.BodyField is { } body && fields[0] == body)
            {
                throw BadQuery(key, "this field is bound by the path or the body.");
            }

            if (!fields[^1].IsRepeated && values.Count > 1)
            {
                throw BadQuery(key, "given more than once, but the field is not repeated.");
            }

            foreach (var value in values)
            {
                Set(message, fields, shape.QueryValue(fields[^1], value ?? ""), "query parameter");
            }
        }
    }

    private static void Set(IMessage message, IReadOnlyList<FieldDescriptor> fields, string value, string source)
    {
        try
        {
            FieldPaths.Set(message, fields, value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            var name = FieldPaths.Name(fields);
            throw RichStatus.InvalidArgument($"Invalid {source} '{name}': {ex.Message}", [(name, ex.Message)]);
        }
    }

    /// <summary>
    /// The body as text. A missing body reads as <c>{}</c>: a request without fields, which the handler's
    /// validation answers with what is missing (seed 000's "Missing required parameters" and the like).
    /// The size limit is the gRPC receive limit, so REST is never a way around it.
    /// </summary>
    private static async Task<string> ReadJsonBodyAsync(HttpContext http, int maxBodyBytes)
    {
        var request = http.Request;
        if (request.ContentLength > maxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return "{}";
        }

        if (!IsJson(request.ContentType))
        {
            var problem = request.ContentType is null
                ? "Content-Type is missing; send application/json."
                : $"Content type '{request.ContentType}' is not a known JSON content type.";
            throw RichStatus.InvalidArgument(problem, [("Content-Type", problem)]);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw RichStatus.InvalidArgument(BodyParser.MalformedJson, [("", "the body is not UTF-8.")]);
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Single segments are fully decoded; multi-segment values keep %2F encoded (http.proto).</summary>
    private static string Decode(string raw, bool multiSegment)
    {
        if (!multiSegment)
        {
            return Uri.UnescapeDataString(raw);
        }

        var parts = raw.Split(["%2F", "%2f"], StringSplitOptions.None);
        return string.Join("%2F", parts.Select(Uri.UnescapeDataString));
    }

    private static RpcException BadQuery(string key, string problem) =>
        RichStatus.InvalidArgument($"Invalid query parameter '{key}': {problem}", [(key, problem)]);

    private static RpcException TooLarge() =>
        new(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");
}
