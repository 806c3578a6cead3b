using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Payouts.Api.Rest;

/// <summary>
/// Dotted field paths (<c>a.b</c>) into a message and text values for their leaves: how path variables and
/// query parameters become fields. Values follow the proto3 JSON spellings (GRPC.md §5.4).
/// </summary>
internal static class FieldPaths
{
    /// <summary>
    /// The fields along <paramref name="path"/>, each by its proto name or JSON name; null if one does not
    /// exist or an intermediate field is not a singular message.
    /// </summary>
    public static IReadOnlyList<FieldDescriptor>? Resolve(MessageDescriptor message, string path)
    {
        var fields = new List<FieldDescriptor>();
        MessageDescriptor? current = message;
        foreach (var name in path.Split('.'))
        {
            if (Find(current, name) is not { } field)
            {
                return null;
            }

            fields.Add(field);
            current = SingularMessage(field);
        }

        return fields;
    }

    /// <summary>
    /// <paramref name="path"/> (fields by proto or JSON name, as a use case names them) spelled with proto names or
    /// JSON names, from <paramref name="message"/>. Segments that are not fields (a metadata key, a header) stay as they are.
    /// </summary>
    public static string Spell(MessageDescriptor message, string path, bool protoNames)
    {
        var segments = path.Split('.');
        MessageDescriptor? current = message;
        for (var i = 0; i < segments.Length && Find(current, segments[i]) is { } field; i++)
        {
            segments[i] = protoNames ? field.Name : field.JsonName;
            current = SingularMessage(field);
        }

        return string.Join('.', segments);
    }

    /// <summary>A field of <paramref name="message"/> by its proto name or its JSON name; null if none, or no message.</summary>
    private static FieldDescriptor? Find(MessageDescriptor? message, string name) =>
        message?.FindFieldByName(name) ?? message?.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

    /// <summary>Where a path may go on from <paramref name="field"/>: into a singular message, nowhere else.</summary>
    private static MessageDescriptor? SingularMessage(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap ? field.MessageType : null;

    /// <summary>Sets (or, for a repeated leaf, appends) a text value, creating the messages along the way.</summary>
    /// <exception cref="FormatException">The text is not a valid value for the leaf's type.</exception>
    public static void Set(IMessage message, IReadOnlyList<FieldDescriptor> fields, string text)
    {
        var target = message;
        foreach (var field in fields.Take(fields.Count - 1))
        {
            if (field.Accessor.GetValue(target) is not IMessage child)
            {
                child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                field.Accessor.SetValue(target, child);
            }

            target = child;
        }

        var leaf = fields[^1];
        var value = Convert(leaf, text);
        if (leaf.IsRepeated)
        {
            ((IList)leaf.Accessor.GetValue(target)).Add(value);
        }
        else
        {
            leaf.Accessor.SetValue(target, value);
        }
    }

    /// <summary>Whether a field can take a value from text: scalars, enums and the JSON-string well-known types.</summary>
    public static bool IsTextLeaf(FieldDescriptor field) =>
        !field.IsMap && (field.FieldType != FieldType.Message || TextMessages.Contains(field.MessageType.FullName));

    // Messages whose JSON form is one scalar (GRPC.md §5.3): parsed from that scalar's JSON text.
    private static readonly HashSet<string> TextMessages =
    [
        "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
        "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.BoolValue",
        "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
        "google.protobuf.UInt64Value", "google.protobuf.FloatValue", "google.protobuf.DoubleValue",
    ];

    private static object Convert(FieldDescriptor field, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        return field.FieldType switch
        {
            FieldType.String => text,
            FieldType.Bool => text switch
            {
                "true" => true,
                "false" => false,
                _ => throw new FormatException($"'{text}' is not a boolean (true or false)."),
            },
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.Parse(text, NumberStyles.AllowLeadingSign, invariant),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.Parse(text, NumberStyles.AllowLeadingSign, invariant),
            FieldType.UInt32 or FieldType.Fixed32 => uint.Parse(text, NumberStyles.None, invariant),
            FieldType.UInt64 or FieldType.Fixed64 => ulong.Parse(text, NumberStyles.None, invariant),
            FieldType.Double => double.Parse(text, NumberStyles.Float, invariant),
            FieldType.Float => float.Parse(text, NumberStyles.Float, invariant),
            FieldType.Bytes => ByteString.FromBase64(text.Replace('-', '+').Replace('_', '/').PadRight((text.Length + 3) / 4 * 4, '=')),
            FieldType.Enum => EnumValue(field.EnumType, text),
            FieldType.Message when IsTextLeaf(field) => ParseWellKnown(field.MessageType, text),
            _ => throw new FormatException($"field '{field.Name}' cannot be set from text."),
        };
    }

    /// <summary>Enums by name (as proto3 JSON prints them) or by number (as parsers also accept).</summary>
    private static object EnumValue(EnumDescriptor type, string text)
    {
        var number = type.FindValueByName(text)?.Number
            ?? (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && type.FindValueByNumber(n) is not null
                ? n
                : throw new FormatException($"'{text}' is not a value of {type.FullName}."));
        return Enum.ToObject(type.ClrType, number);
    }

    private static object ParseWellKnown(MessageDescriptor type, string text)
    {
        // Generated code exposes wrapper fields as their nullable scalar, so they take the scalar itself.
        if (type.FullName.EndsWith("Value", StringComparison.Ordinal))
        {
            return Convert(type.FindFieldByNumber(1), text);
        }

        var json = System.Text.Json.JsonSerializer.Serialize(text);
        try
        {
            return ProtoJson.Parser.Parse(json, type);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }
}
