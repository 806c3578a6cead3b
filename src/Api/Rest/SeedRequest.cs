using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using Payouts.Api.Services;

namespace Payouts.Api.Rest;

/// <summary>
/// Builds the request message of a seed route from its JSON body or its query string, as strictly as gRPC reads
/// a message: whatever does not fit is INVALID_ARGUMENT (400) naming the field as the caller spelled it, never
/// silently dropped (a misspelt "externalID" would otherwise create a payout without its idempotency anchor).
/// </summary>
internal static class SeedRequest
{
    /// <summary>
    /// The JSON body as <typeparamref name="T"/>. A missing body reads as <c>{}</c>: a request without fields, which
    /// the use case answers with what is missing (seed 000's "Missing required parameters"). The size limit is the
    /// gRPC receive limit, so REST is never a way around it.
    /// </summary>
    public static async Task<T> BodyAsync<T>(HttpContext http)
        where T : IMessage<T>, new() =>
        (T)await BodyAsync(http, new T().Descriptor, "");

    /// <param name="prefix">Where the body sits in the RPC's request (<c>initiation.</c>), for error field names.</param>
    public static async Task<IMessage> BodyAsync(HttpContext http, MessageDescriptor type, string prefix) =>
        BodyParser.Parse(type, await ReadJsonAsync(http), prefix);

    /// <summary>The body as <typeparamref name="T"/>, and its JSON text for what a message cannot hold exactly (metadata's numbers).</summary>
    public static async Task<(T Message, string Json)> BodyAndJsonAsync<T>(HttpContext http)
        where T : IMessage<T>, new()
    {
        var json = await ReadJsonAsync(http);
        return ((T)BodyParser.Parse(new T().Descriptor, json, ""), json);
    }

    /// <summary>The query string as <typeparamref name="T"/>; <paramref name="spelling"/> turns a legacy value into its proto spelling.</summary>
    public static T Query<T>(IQueryCollection query, Func<FieldDescriptor, string, string>? spelling = null)
        where T : IMessage<T>, new()
    {
        var message = new T();
        foreach (var (key, values) in query)
        {
            var fields = QueryField(message.Descriptor, key, values.Count);
            foreach (var value in values)
            {
                Set(message, fields, spelling?.Invoke(fields[^1], value ?? "") ?? value ?? "", key, "query parameter");
            }
        }

        return message;
    }

    /// <summary>The field a query parameter names, by proto or JSON name, if the query can set it (a scalar, once unless repeated).</summary>
    public static IReadOnlyList<FieldDescriptor> QueryField(MessageDescriptor message, string key, int count)
    {
        var fields = FieldPaths.Resolve(message, key);
        if (fields is null || !FieldPaths.IsTextLeaf(fields[^1]))
        {
            throw BadQuery(key, fields is null ? "unknown query parameter." : "this field cannot be set from the query.");
        }

        return fields[^1].IsRepeated || count <= 1 ? fields : throw BadQuery(key, "given more than once, but the field is not repeated.");
    }

    /// <summary>Sets a field from text; a value that does not fit is INVALID_ARGUMENT naming the field as the caller spelled it (<paramref name="key"/>).</summary>
    public static void Set(IMessage message, IReadOnlyList<FieldDescriptor> fields, string value, string key, string source)
    {
        try
        {
            FieldPaths.Set(message, fields, value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw ErrorStatus.InvalidArgument($"Invalid {source} '{key}': {ex.Message}", (key, ex.Message));
        }
    }

    private static async Task<string> ReadJsonAsync(HttpContext http)
    {
        var request = http.Request;
        var maxBytes = http.RequestServices.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.MaxReceiveMessageSize ?? int.MaxValue;
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
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
            throw ErrorStatus.InvalidArgument(problem, ("Content-Type", problem));
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorStatus.InvalidArgument(BodyParser.MalformedJson, ("", "the body is not UTF-8."));
        }
    }

    private static bool IsJson(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    public static RpcException BadQuery(string key, string problem) =>
        ErrorStatus.InvalidArgument($"Invalid query parameter '{key}': {problem}", (key, problem));

    private static RpcException TooLarge() =>
        new(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
}
