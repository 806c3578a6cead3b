using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi;
using Payouts.Api.Rest;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.Swagger;

/// <summary>
/// Proto messages as they travel over REST (GrpcHostingExtensions' GrpcJsonSettings, and <see cref="ProtoJson"/> on
/// the seeds' routes), where Grpc.Swagger's schemas say otherwise.
/// </summary>
internal static class ProtoJsonSchemas
{
    /// <summary>
    /// Fields of every message schema: 64-bit integers are JSON strings, Grpc.Swagger says integer (JavaScript numbers
    /// lose precision above 2^53); a Timestamp is an RFC 3339 date-time, Grpc.Swagger says only string; and no field
    /// is required: proto3 has none, and fields holding their default value are left out of the JSON.
    /// </summary>
    internal sealed class Messages : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (Descriptor(context.Type) is not { } message || schema is not OpenApiSchema { Properties: { } properties } target)
            {
                return;
            }

            // Grpc.Swagger describes the messages of services it transcodes; others (PayoutService has no HTTP rule) are
            // described by reflection, which also sees the oneof case properties (kindCase) that proto JSON never has.
            var fieldNames = message.Fields.InDeclarationOrder().Select(f => f.JsonName).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in properties.Keys.Where(name => !fieldNames.Contains(name)).ToList())
            {
                properties.Remove(extra);
            }

            foreach (var field in message.Fields.InDeclarationOrder())
            {
                target.Required?.Remove(field.JsonName);
                if (properties.TryGetValue(field.JsonName, out var property) && property is OpenApiSchema value)
                {
                    // The scalar schema sits inside the array (repeated) or the object (map values).
                    var leaf = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
                    var scalar = field.IsMap ? value.AdditionalProperties : field.IsRepeated ? value.Items : value;
                    if (scalar is OpenApiSchema leafSchema)
                    {
                        AsTravels(leaf, leafSchema);
                    }
                }
            }
        }

        private static MessageDescriptor? Descriptor(System.Type type) =>
            typeof(IMessage).IsAssignableFrom(type) ? type.GetProperty("Descriptor")?.GetValue(null) as MessageDescriptor : null;
    }

    /// <summary>Path and query parameters of transcoded routes: a 64-bit integer travels in the URL as the same digits.</summary>
    internal sealed class Parameters : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } route)
            {
                return;
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (FieldPaths.Resolve(route.MethodDescriptor.InputType, parameter.Name ?? "") is { } path && parameter.Schema is OpenApiSchema schema)
                {
                    AsTravels(path[^1], path[^1].IsRepeated && schema.Items is OpenApiSchema items ? items : schema);
                }
            }
        }
    }

    private static void AsTravels(FieldDescriptor field, OpenApiSchema schema)
    {
        if (Is64Bit(field))
        {
            schema.Type = JsonSchemaType.String | (schema.Type & JsonSchemaType.Null);
            schema.Format = Unsigned(field) ? "uint64" : "int64";
        }
        else if (field.FieldType == FieldType.Message && field.MessageType.FullName == Timestamp.Descriptor.FullName)
        {
            schema.Format = "date-time";
        }
    }

    /// <summary>Proto 64-bit integers and their wrappers (a wrapper's JSON is its value's).</summary>
    public static bool Is64Bit(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 => true,
        FieldType.Message => field.MessageType.FullName == Int64Value.Descriptor.FullName || field.MessageType.FullName == UInt64Value.Descriptor.FullName,
        _ => false,
    };

    private static bool Unsigned(FieldDescriptor field) =>
        field.FieldType is FieldType.UInt64 or FieldType.Fixed64
        || (field.FieldType == FieldType.Message && field.MessageType.FullName == UInt64Value.Descriptor.FullName);
}
