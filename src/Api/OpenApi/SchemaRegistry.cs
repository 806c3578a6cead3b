using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace Payouts.Api.OpenApi;

/// <summary>
/// OpenAPI 3.0 schemas for protobuf messages and enums, following the proto3 JSON mapping: JSON field
/// names, 64-bit integers as strings, enums by value name, well-known types in their JSON forms.
/// Messages and enums become <c>components.schemas</c> entries named by their full proto name and are
/// referenced with <c>$ref</c>; well-known types are written inline.
/// </summary>
public sealed class SchemaRegistry
{
    public const string RefPrefix = "#/components/schemas/";

    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    /// <summary>The schemas referenced so far, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Schemas => _schemas;

    /// <summary>A reference to the message's component schema, or the inline schema of a well-known type.</summary>
    public JsonObject Message(MessageDescriptor message)
    {
        if (WellKnown(message.FullName) is { } inline)
        {
            return inline;
        }

        if (!_schemas.ContainsKey(message.FullName))
        {
            // Registered before its fields are walked, so a message that contains itself ends the recursion.
            var schema = new JsonObject();
            _schemas.Add(message.FullName, schema);
            Fill(schema, message);
        }

        return Ref(message.FullName);
    }

    /// <summary>
    /// A reference to a component that is not a proto type (a legacy route's own JSON), built the first
    /// time it is named. Names are dotted like proto names but never clash with them (e.g. <c>legacy.seed000.Error</c>).
    /// </summary>
    public JsonObject Named(string name, Func<JsonObject> build)
    {
        if (!_schemas.ContainsKey(name))
        {
            var schema = new JsonObject();
            _schemas.Add(name, schema);
            foreach (var (key, value) in build())
            {
                schema[key] = value?.DeepClone();
            }
        }

        return Ref(name);
    }

    /// <summary>A copy of the schema itself, following a <c>$ref</c> to its component.</summary>
    public JsonObject Resolve(JsonObject schema) =>
        (JsonObject)(schema["$ref"] is { } reference && _schemas.TryGetValue(reference.GetValue<string>()[RefPrefix.Length..], out var target)
            ? target
            : schema).DeepClone();

    /// <summary>The schema of a field as it appears in its message: arrays for repeated, objects for maps.</summary>
    public JsonObject Field(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var value = field.MessageType.FindFieldByNumber(2);
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Element(value) };
        }

        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = Element(field) } : Element(field);
    }

    /// <summary>The schema of one value of the field (an element, for a repeated field).</summary>
    public JsonObject Element(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Double => Scalar("number", "double"),
        FieldType.Float => Scalar("number", "float"),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 => Scalar("string", "int64"),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Scalar("integer", "int32"),
        FieldType.UInt32 or FieldType.Fixed32 => new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0, ["maximum"] = uint.MaxValue },
        FieldType.Bool => Scalar("boolean"),
        FieldType.String => Scalar("string"),
        FieldType.Bytes => Scalar("string", "byte"),
        FieldType.Enum => Enum(field.EnumType),
        FieldType.Message or FieldType.Group => Message(field.MessageType),
        _ => throw new InvalidOperationException($"{field.FullName} has an unsupported type {field.FieldType}."),
    };

    public JsonObject Enum(EnumDescriptor type)
    {
        if (type.FullName == "google.protobuf.NullValue")
        {
            return new JsonObject { ["nullable"] = true, ["description"] = "JSON null." };
        }

        if (!_schemas.ContainsKey(type.FullName))
        {
            var names = new JsonArray();
            foreach (var value in type.Values)
            {
                names.Add(value.Name);
            }

            _schemas.Add(type.FullName, new JsonObject { ["type"] = "string", ["enum"] = names });
        }

        return Ref(type.FullName);
    }

    /// <summary>Whether a message has a scalar JSON form, so a query parameter can carry it.</summary>
    public static bool IsScalarWellKnown(MessageDescriptor message) => message.FullName switch
    {
        "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask" => true,
        _ => IsWrapper(message.FullName),
    };

    private static bool IsWrapper(string fullName) => fullName is
        "google.protobuf.DoubleValue" or "google.protobuf.FloatValue" or "google.protobuf.Int64Value" or
        "google.protobuf.UInt64Value" or "google.protobuf.Int32Value" or "google.protobuf.UInt32Value" or
        "google.protobuf.BoolValue" or "google.protobuf.StringValue" or "google.protobuf.BytesValue";

    private void Fill(JsonObject schema, MessageDescriptor message)
    {
        var properties = new JsonObject();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            properties[field.JsonName] = Field(field);
        }

        schema["type"] = "object";
        schema["properties"] = properties;

        var oneofs = message.Oneofs.Where(o => !o.IsSynthetic).ToList();
        if (oneofs.Count > 0)
        {
            var members = new JsonObject();
            var sentences = new List<string>();
            foreach (var oneof in oneofs)
            {
                var names = oneof.Fields.Select(f => f.JsonName).ToList();
                members[oneof.Name] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                sentences.Add($"At most one of {string.Join(", ", names)} may be set (oneof {oneof.Name}).");
            }

            schema["description"] = string.Join(" ", sentences);
            schema["x-oneof"] = members;
        }
    }

    private static JsonObject? WellKnown(string fullName) => fullName switch
    {
        "google.protobuf.Timestamp" => new JsonObject
        {
            ["type"] = "string", ["format"] = "date-time",
            ["description"] = "RFC 3339 UTC timestamp, e.g. \"2024-01-02T03:04:05.678Z\".",
        },
        "google.protobuf.Duration" => new JsonObject
        {
            ["type"] = "string", ["pattern"] = @"^-?[0-9]+(\.[0-9]{1,9})?s$",
            ["description"] = "Seconds with an \"s\" suffix, e.g. \"1.5s\".",
        },
        "google.protobuf.FieldMask" => new JsonObject
        {
            ["type"] = "string", ["description"] = "Comma-separated lowerCamelCase field paths, e.g. \"a.fooBar,b\".",
        },
        "google.protobuf.Struct" => new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
        "google.protobuf.Value" => new JsonObject { ["description"] = "Any JSON value." },
        "google.protobuf.ListValue" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject() },
        "google.protobuf.Empty" => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() },
        "google.protobuf.Any" => new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["@type"] = Scalar("string") },
            ["required"] = new JsonArray("@type"),
            ["additionalProperties"] = true,
            ["description"] = "A message of the type named by \"@type\" (type.googleapis.com/full.Name), its fields alongside.",
        },
        "google.protobuf.DoubleValue" => Nullable(Scalar("number", "double")),
        "google.protobuf.FloatValue" => Nullable(Scalar("number", "float")),
        "google.protobuf.Int64Value" or "google.protobuf.UInt64Value" => Nullable(Scalar("string", "int64")),
        "google.protobuf.Int32Value" => Nullable(Scalar("integer", "int32")),
        "google.protobuf.UInt32Value" => Nullable(new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 }),
        "google.protobuf.BoolValue" => Nullable(Scalar("boolean")),
        "google.protobuf.StringValue" => Nullable(Scalar("string")),
        "google.protobuf.BytesValue" => Nullable(Scalar("string", "byte")),
        _ => null,
    };

    private static JsonObject Scalar(string type, string? format = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null)
        {
            schema["format"] = format;
        }

        return schema;
    }

    private static JsonObject Nullable(JsonObject schema)
    {
        schema["nullable"] = true;
        return schema;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = RefPrefix + name };
}
