using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.Services;

namespace Payouts.Api.Rest;

/// <summary>
/// Parses a JSON body into a message with <see cref="ProtoJson.Parser"/>. When it fails, the parser's own
/// message often names a type but not the field ("Invalid numeric value for type: Int64"), so the failure is
/// narrowed down field by field, and the 400 says which field is wrong, as a google.rpc.BadRequest.
/// </summary>
internal static class BodyParser
{
    public const string MalformedJson = "Request JSON payload is not correctly formatted.";

    /// <param name="prefix">Proto path of the body within the request (e.g. <c>initiation.</c>), for error field names.</param>
    public static IMessage Parse(MessageDescriptor type, string json, string prefix)
    {
        try
        {
            return ProtoJson.Parser.Parse(json, type);
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException)
        {
            var (field, problem) = Locate(type, json, prefix, ex.Message);
            throw ErrorStatus.InvalidArgument(field.Length == 0 ? problem : $"Invalid value for field '{field}': {problem}", (field, problem));
        }
    }

    private static (string Field, string Problem) Locate(MessageDescriptor type, string json, string prefix, string whole)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return ("", MalformedJson);
        }

        if (node is not JsonObject obj)
        {
            return ("", "The request body must be a JSON object.");
        }

        foreach (var (name, value) in obj)
        {
            var field = type.FindFieldByName(name) ?? type.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);
            if (field is null)
            {
                return (prefix + name, $"Unknown field '{name}'.");
            }

            var alone = new JsonObject { [name] = value?.DeepClone() }.ToJsonString();
            try
            {
                ProtoJson.Parser.Parse(alone, type);
            }
            catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException)
            {
                var nested = field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap
                    && value is JsonObject && !field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal);
                return nested
                    ? Locate(field.MessageType, value!.ToJsonString(), prefix + field.Name + ".", ex.Message)
                    : (prefix + field.Name, ex.Message);
            }
        }

        return (prefix.TrimEnd('.'), whole);
    }
}
