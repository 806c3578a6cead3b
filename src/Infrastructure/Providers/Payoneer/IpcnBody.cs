using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// An IPCN body's fields ("Payee Id", "IntPaymentId", ...). Sources show JSON, older guides form or query
/// fields, so both are read. Values may arrive URL-encoded inside JSON (2022-01-17T20%3a03%3a05Z).
/// </summary>
internal static class IpcnBody
{
    public static IReadOnlyDictionary<string, string>? TryRead(ReadOnlyMemory<byte> body, string? contentType)
    {
        var text = Encoding.UTF8.GetString(body.Span).Trim();
        var isJson = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? text.StartsWith('{');
        return isJson ? TryReadJson(text) : ReadForm(text);
    }

    private static Dictionary<string, string>? TryReadJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? Uri.UnescapeDataString(property.Value.GetString()!)
                    : property.Value.GetRawText();
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadForm(string text) =>
        QueryHelpers.ParseQuery(text).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
