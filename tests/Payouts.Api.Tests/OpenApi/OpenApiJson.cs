using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>Reading the served document the way a client generator does: by its JSON, not by our types.</summary>
public static partial class OpenApiJson
{
    public const string SchemaRef = "#/components/schemas/";

    public static async Task<JsonObject> FetchAsync(Uri http)
    {
        using var client = new HttpClient();
        return JsonNode.Parse(await client.GetStringAsync(new Uri(http, Payouts.Api.Swagger.OpenApiExtensions.Path.TrimStart('/'))))!.AsObject();
    }

    /// <summary>Every operation, as (lower-case verb, path template, operation).</summary>
    public static IEnumerable<(string Verb, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (op.Key, path.Key, op.Value!.AsObject())));

    public static JsonObject Schema(JsonObject document, string id) =>
        document["components"]!["schemas"]![id]?.AsObject() ?? throw new InvalidOperationException($"The document has no schema {id}.");

    /// <summary>A schema, or the component its <c>$ref</c> names.</summary>
    public static JsonObject Resolve(JsonObject document, JsonObject schema) =>
        schema["$ref"] is { } reference ? Schema(document, reference.GetValue<string>()[SchemaRef.Length..]) : schema;

    /// <summary>The schema of an operation's JSON answer for a status (or <c>default</c> for an unlisted error).</summary>
    public static JsonObject? ResponseSchema(JsonObject operation, int status)
    {
        var responses = operation["responses"]!.AsObject();
        var documented = responses[status.ToString(CultureInfo.InvariantCulture)] ?? (status >= 400 ? responses["default"] : null);
        return documented?["content"]?["application/json"]?["schema"]?.AsObject();
    }

    /// <summary>
    /// Where the JSON does not fit the schema, as a generated client would trip over it: a property the schema does not
    /// declare, a required one missing, a JSON type other than the declared one, a value outside an enum, a 64-bit
    /// integer string that is not digits, a date-time that is not RFC 3339. A schema without a type accepts anything.
    /// </summary>
    public static List<string> Problems(JsonObject document, JsonNode? value, JsonObject schema, string at)
    {
        var problems = new List<string>();
        Check(document, value, Resolve(document, schema), at, problems);
        return problems;
    }

    private static void Check(JsonObject document, JsonNode? value, JsonObject schema, string at, List<string> problems)
    {
        var type = schema["type"]?.GetValue<string>();
        if (value is null)
        {
            if (type is not null && schema["nullable"]?.GetValue<bool>() != true)
            {
                problems.Add($"{at}: null where the schema says {type}");
            }

            return;
        }

        var kind = value.GetValueKind();
        switch (type)
        {
            case null:
                return;
            case "object" when value is JsonObject obj:
                var properties = schema["properties"] as JsonObject ?? [];
                var additional = schema["additionalProperties"];
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonObject declared)
                    {
                        Check(document, child, Resolve(document, declared), $"{at}.{name}", problems);
                    }
                    else if (additional is JsonObject extra)
                    {
                        Check(document, child, Resolve(document, extra), $"{at}.{name}", problems);
                    }
                    else if (additional is null || additional.GetValueKind() != JsonValueKind.True)
                    {
                        problems.Add($"{at}.{name}: not declared in the schema");
                    }
                }

                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(required))
                    {
                        problems.Add($"{at}.{required}: required but missing");
                    }
                }

                return;
            case "array" when value is JsonArray array:
                var items = Resolve(document, schema["items"]!.AsObject());
                for (var i = 0; i < array.Count; i++)
                {
                    Check(document, array[i], items, $"{at}[{i}]", problems);
                }

                return;
            case "string" when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (schema["enum"] is JsonArray names && !names.Any(n => n!.GetValue<string>() == text))
                {
                    problems.Add($"{at}: \"{text}\" is not one of {names.ToJsonString()}");
                }

                var format = schema["format"]?.GetValue<string>();
                if ((format is "int64" or "uint64" && !Integer().IsMatch(text)) || (format == "date-time" && !DateTime().IsMatch(text)))
                {
                    problems.Add($"{at}: \"{text}\" is not a {format}");
                }

                return;
            case "integer" when kind == JsonValueKind.Number && Integer().IsMatch(value.ToJsonString()):
            case "number" when kind == JsonValueKind.Number:
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return;
            default:
                problems.Add($"{at}: {kind} {value.ToJsonString()} where the schema says {type}");
                return;
        }
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex Integer();

    // RFC 3339 as proto3 JSON writes a Timestamp: UTC, 0, 3, 6 or 9 fractional digits.
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$")]
    private static partial Regex DateTime();
}
