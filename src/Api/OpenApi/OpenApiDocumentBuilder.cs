using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Payouts.Api.Transcoding;
using Payouts.Api.Transcoding.Shapes;

namespace Payouts.Api.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.0.3 document of the REST routes from the served services' descriptors and their
/// <c>google.api.http</c> annotations, the same source gRPC-JSON transcoding serves them from: one
/// operation per binding (additional_bindings included), path and query parameters, request and
/// response bodies in the proto3 JSON mapping, and <c>google.rpc.Status</c> errors; a legacy route is
/// described by its <see cref="RestShape"/>, the same object that writes its JSON.
/// </summary>
/// <remarks>
/// Summaries and descriptions from proto comments are not written: the descriptors compiled into the
/// assembly carry no source info. Parameter names are proto field paths (<c>start_date</c>,
/// <c>page.size</c>), as in the http.proto rules; body and response properties use JSON names.
/// </remarks>
internal static class OpenApiDocumentBuilder
{
    public const string Title = "Payouts";
    public const string SecurityScheme = "bearerAuth";

    private static readonly HashSet<string> OpenApiMethods =
        new(["get", "put", "post", "delete", "options", "head", "patch", "trace"], StringComparer.Ordinal);

    public static JsonObject Build(RouteTable routes)
    {
        var schemas = new SchemaRegistry();
        var paths = new JsonObject();
        var tags = new List<string>();
        var packages = new List<string>();
        var operationIds = new HashSet<string>(StringComparer.Ordinal);

        // The routes transcoding serves, read and checked by the same code (RouteTable), in declaration order.
        foreach (var binding in routes.Routes)
        {
            var verb = binding.HttpMethod.ToLowerInvariant();
            if (!OpenApiMethods.Contains(verb))
            {
                // A custom verb OpenAPI cannot describe (e.g. kind "LIST"): it is served, just not documented.
                continue;
            }

            var template = binding.Template;
            var operation = Operation(binding, schemas);
            if (!operationIds.Add(operation["operationId"]!.GetValue<string>()))
            {
                throw new InvalidOperationException($"Duplicate OpenAPI operationId {operation["operationId"]}.");
            }

            if (paths[template.OpenApiPath] is not JsonObject item)
            {
                item = [];
                paths[template.OpenApiPath] = item;
            }

            if (item.ContainsKey(verb))
            {
                throw new InvalidOperationException(
                    $"{binding.Method.FullName}: {binding.HttpMethod} {template.Text} is bound by two RPCs.");
            }

            item[verb] = operation;
            AddOnce(tags, binding.Method.Service.Name);
            AddOnce(packages, binding.Method.Service.File.Package);
        }

        // The error schema, listed even when no route is annotated.
        _ = schemas.Message(Google.Rpc.Status.Descriptor);

        var schemaNodes = new JsonObject();
        foreach (var (name, schema) in schemas.Schemas)
        {
            schemaNodes[name] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = Title,
                ["version"] = Version(packages),
                ["description"] =
                    "REST routes of the Payouts gRPC services, generated from their google.api.http annotations. " +
                    "JSON follows the proto3 JSON mapping: lowerCamelCase (or json_name) field names, 64-bit integers as " +
                    "strings, enums by value name, timestamps as RFC 3339 strings. Errors are google.rpc.Status objects. " +
                    "The legacy routes of seeds 000, 001 and 002 keep those seeds' JSON instead, as their operations describe.",
            },
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["name"] = t }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemaNodes,
                ["securitySchemes"] = new JsonObject
                {
                    [SecurityScheme] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }

    /// <summary>The API version from the proto package: <c>payouts.v1</c> gives <c>v1</c>.</summary>
    private static string Version(List<string> packages)
    {
        var versions = packages.Select(p => p[(p.LastIndexOf('.') + 1)..]).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return versions.Count == 0 ? "unversioned" : string.Join(", ", versions);
    }

    private static JsonObject Operation(HttpBinding binding, SchemaRegistry schemas)
    {
        // The route's shape describes what it serves: standard transcoding, or a seed's legacy JSON.
        var shape = LegacyShapes.For(binding);
        var method = binding.Method;
        var service = method.Service;
        var request = method.InputType;
        var operationId = $"{service.Name}_{method.Name}" + (binding.Index == 0 ? "" : $"_{binding.Index + 1}");

        var parameters = new JsonArray();
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (variable, fields) in binding.Template.Variables.Zip(binding.VariableFields))
        {
            var field = fields[^1];
            bound.Add(variable.FieldPath);
            var parameter = new JsonObject
            {
                ["name"] = variable.FieldPath,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = schemas.Element(field),
            };
            if (variable.IsMultiSegment)
            {
                parameter["description"] = $"Matches '{variable.Pattern}', so the value may contain '/'.";
            }

            parameters.Add(parameter);
        }

        JsonObject? body = null;
        if (binding.Body == BodyKind.Whole)
        {
            body = BodyOfAllUnboundFields(request, bound, schemas);
        }
        else if (binding.BodyField is { } bodyField)
        {
            bound.Add(bodyField.Name);
            body = schemas.Field(bodyField);
        }

        if (binding.Body != BodyKind.Whole)
        {
            AddQueryParameters(request, "", bound, parameters, schemas, shape, [request.FullName]);
        }

        body = shape.RequestBodySchema(binding, schemas, body);

        var responseSchema = binding.ResponseBodyField is { } responseField
            ? schemas.Field(responseField)
            : schemas.Message(method.OutputType);

        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(service.Name),
            ["description"] = $"gRPC: {binding.GrpcPath}" +
                (binding.Index == 0 ? "" : $" (additional binding {binding.Index})") + "." +
                (shape.Describe() is { } legacy ? " " + legacy : ""),
        };
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (body is not null)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = body } },
            };
        }

        var responses = new JsonObject();
        foreach (var response in shape.SuccessResponses(binding, schemas, responseSchema).Append(shape.ErrorResponse(schemas)))
        {
            responses[response.StatusCode] = new JsonObject
            {
                ["description"] = response.Description,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = response.Schema.DeepClone() } },
            };
        }

        operation["responses"] = responses;
        operation["security"] = new JsonArray(new JsonObject { [SecurityScheme] = new JsonArray() });
        return operation;
    }

    /// <summary>body "*": the request message, less the top-level fields the path binds.</summary>
    private static JsonObject BodyOfAllUnboundFields(MessageDescriptor request, HashSet<string> pathFields, SchemaRegistry schemas)
    {
        var reference = schemas.Message(request);
        var topLevel = request.Fields.InDeclarationOrder().Where(f => pathFields.Contains(f.Name)).Select(f => f.JsonName).ToList();
        if (topLevel.Count == 0 || !schemas.Schemas.TryGetValue(request.FullName, out var full))
        {
            return reference;
        }

        var copy = (JsonObject)full.DeepClone();
        var properties = (JsonObject)copy["properties"]!;
        foreach (var name in topLevel)
        {
            properties.Remove(name);
        }

        return copy;
    }

    /// <summary>
    /// Query parameters for every leaf field not bound by the path or body: repeated scalars as repeated
    /// keys, singular messages as dotted keys. Maps, repeated messages, Struct, Value, ListValue, Any and
    /// Empty cannot be sent in a query and are skipped.
    /// </summary>
    private static void AddQueryParameters(
        MessageDescriptor message, string prefix, HashSet<string> bound, JsonArray parameters, SchemaRegistry schemas, RestShape shape, HashSet<string> visiting)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            if (bound.Contains(path) || field.IsMap)
            {
                continue;
            }

            if (field.FieldType is FieldType.Message or FieldType.Group && !SchemaRegistry.IsScalarWellKnown(field.MessageType))
            {
                if (!field.IsRepeated && !IsFreeForm(field.MessageType) && visiting.Add(field.MessageType.FullName))
                {
                    AddQueryParameters(field.MessageType, path + ".", bound, parameters, schemas, shape, visiting);
                    visiting.Remove(field.MessageType.FullName);
                }

                continue;
            }

            var parameter = new JsonObject { ["name"] = path, ["in"] = "query", ["schema"] = shape.QueryParameterSchema(field, schemas, schemas.Field(field)) };
            if (field.IsRepeated)
            {
                parameter["style"] = "form";
                parameter["explode"] = true;
            }

            parameters.Add(parameter);
        }
    }

    private static bool IsFreeForm(MessageDescriptor message) => message.FullName is
        "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.Any" or "google.protobuf.Empty";

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }
}
