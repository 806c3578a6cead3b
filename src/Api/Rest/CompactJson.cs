using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payouts.Api.Rest;

/// <summary>
/// JSON without its insignificant whitespace and otherwise as the caller wrote it: numbers keep their digits (a
/// 20-digit id is not squeezed through a double), and text stays UTF-8 rather than \u-escaped. This is the form
/// metadata is measured (4 KB) and stored in, and what the seeds' routes give back.
/// </summary>
internal static class CompactJson
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Of(document.RootElement);
    }

    /// <summary>The object at <paramref name="path"/> in a JSON body, compacted; null when the body has none there.</summary>
    public static string? At(string body, params string[] path)
    {
        using var document = JsonDocument.Parse(body);
        var element = document.RootElement;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Object ? Of(element) : null;
    }
}
