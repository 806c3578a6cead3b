using System.Globalization;
using System.Text.Json;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Tupay's replies, read leniently where its examples disagree (ids as strings or numbers).</summary>
internal static class TupayReplies
{
    /// <summary>The documented error shape {"code": 401, "message": "Invalid credentials."}.</summary>
    public sealed record Error(int Code, string Message);

    /// <summary>A status reply; <paramref name="CashoutId"/> is absent in Tupay's examples, present in our sandbox's.</summary>
    public sealed record Status(int CashoutStatus, string? Description, int? RejectionCode, string? RejectionReason, string? CashoutId);

    /// <summary>Null when the body is not an error object.</summary>
    public static Error? ReadError(byte[] body)
    {
        using var json = Parse(body);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } root || Integer(root, "code") is not { } code)
        {
            return null;
        }

        return new Error(code, Text(root, "message") ?? "");
    }

    /// <summary>The new cashout's id from {"cashout_id": "8405147"}, or null.</summary>
    public static string? ReadCashoutId(byte[] body)
    {
        using var json = Parse(body);
        return json?.RootElement is { ValueKind: JsonValueKind.Object } root ? Text(root, "cashout_id") : null;
    }

    public static Status? ReadStatus(byte[] body)
    {
        using var json = Parse(body);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } root || Integer(root, "cashout_status") is not { } status)
        {
            return null;
        }

        return new Status(status, Text(root, "cashout_status_description"), Integer(root, "rejection_code"), Text(root, "rejection_reason"), Text(root, "cashout_id"));
    }

    private static JsonDocument? Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static int? Integer(JsonElement root, string name) =>
        int.TryParse(Text(root, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
