using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.OpenApi;

/// <summary>
/// 64-bit integers of proto messages as they travel: transcoding writes them as JSON strings (JavaScript numbers
/// lose precision above 2^53) and reads strings or numbers. Grpc.Swagger documents them as integers.
/// </summary>
internal sealed class ProtoInt64SchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(IMessage).IsAssignableFrom(context.Type) || schema is not OpenApiSchema { Properties: { } properties }
            || context.Type.GetProperty("Descriptor")?.GetValue(null) is not MessageDescriptor descriptor)
        {
            return;
        }

        foreach (var field in descriptor.Fields.InDeclarationOrder().Where(IsInt64))
        {
            if (properties.TryGetValue(field.JsonName, out var property) && property is OpenApiSchema value)
            {
                var target = field.IsRepeated && value.Items is OpenApiSchema items ? items : value;
                target.Type = JsonSchemaType.String;
                target.Format = field.FieldType is FieldType.UInt64 or FieldType.Fixed64 ? "uint64" : "int64";
            }
        }
    }

    private static bool IsInt64(FieldDescriptor field) =>
        field.FieldType is FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64;
}
