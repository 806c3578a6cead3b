using Google.Api;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Payouts.Api.Rest;

/// <summary>
/// Checks a transcoded REST request before Microsoft's JSON transcoding binds it, because transcoding ignores unknown
/// JSON fields and query parameters and reports a bad value without naming its field. Money is at stake: a misspelt
/// "referenc" silently dropped, or "amount": 1.5 answered with a bare parser message, costs a caller a day. What does
/// not fit is INVALID_ARGUMENT (400) with a google.rpc.BadRequest naming the field as the caller spelled it; what fits
/// goes on unchanged (the body is rewound), and transcoding binds it as it always does.
/// </summary>
internal sealed class StrictTranscoding(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not { } route)
        {
            await next(http);
            return;
        }

        var refused = await SeedReply.RunAsync(http, async () =>
        {
            await CheckAsync(http, route.MethodDescriptor.InputType, route.HttpRule);
            return Results.Empty;
        }, ProtoJson.Format);
        if (refused is not Microsoft.AspNetCore.Http.HttpResults.EmptyHttpResult)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static async Task CheckAsync(HttpContext http, MessageDescriptor input, HttpRule rule)
    {
        var probe = input.Parser.ParseFrom([]);
        var pathFields = new List<IReadOnlyList<FieldDescriptor>>();
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (FieldPaths.Resolve(input, name) is { } fields)
            {
                pathFields.Add(fields);
                SeedRequest.Set(probe, fields, value?.ToString() ?? "", name, "path variable");
            }
        }

        var bodyField = rule.Body is "" or "*" ? null : input.FindFieldByName(rule.Body);
        foreach (var (key, values) in http.Request.Query)
        {
            if (rule.Body == "*")
            {
                throw SeedRequest.BadQuery(key, "query parameters are not accepted: the body carries the whole request.");
            }

            var fields = SeedRequest.QueryField(input, key, values.Count);
            if (pathFields.Any(p => p.SequenceEqual(fields)) || fields[0] == bodyField)
            {
                throw SeedRequest.BadQuery(key, "this field is bound by the path or the body.");
            }

            foreach (var value in values)
            {
                SeedRequest.Set(probe, fields, value ?? "", key, "query parameter");
            }
        }

        if (rule.Body.Length > 0)
        {
            http.Request.EnableBuffering();
            if (bodyField is null)
            {
                await SeedRequest.BodyAsync(http, input, "");
            }
            else if (bodyField.FieldType == FieldType.Message && !bodyField.IsRepeated)
            {
                await SeedRequest.BodyAsync(http, bodyField.MessageType, bodyField.Name + ".");
            }

            http.Request.Body.Position = 0;
        }
    }
}
