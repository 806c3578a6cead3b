using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// Webhook events (PROVIDERS.md 1.4) posted to the service, and the verify-webhook-signature postback that
/// checks them. PayPal signs "&lt;transmission_id&gt;|&lt;transmission_time&gt;|&lt;webhook_id&gt;|&lt;crc32 of the body&gt;"
/// with RSA and a certificate; the sandbox signs the same string with HMAC-SHA256 (PAYPAL-AUTH-ALGO HMACSHA256),
/// which only the sandbox can check, so the service verifies by postback exactly as it does against PayPal.
/// </summary>
internal sealed class PayPalSandboxWebhooks(SandboxContext context, PayPalSandboxOptions options)
{
    public const string AuthAlgo = "HMACSHA256";

    /// <summary>
    /// PayPal's bodies carry characters like ' unescaped; a client that re-serialises the body with default settings
    /// escapes them, changes the bytes, and fails verification, as it would against PayPal.
    /// </summary>
    private static readonly JsonSerializerOptions RawText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] RequiredFields = ["auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id"];

    private readonly ConcurrentQueue<PayPalSandboxWebhook> _emitted = new();

    /// <summary>Every event sent since the sandbox started (or, with notifications suppressed, that would have been), oldest first.</summary>
    public IReadOnlyList<PayPalSandboxWebhook> Emitted => [.. _emitted];

    /// <summary>Inside a change: the event is queued with it.</summary>
    public void Emit(Uri selfBase, string eventType, string resourceType, JsonObject resource)
    {
        var now = context.Clock.GetUtcNow();
        var eventId = "WH-" + PayPalSandboxReplies.RandomId(17);
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["id"] = eventId,
            ["event_version"] = "1.0",
            ["create_time"] = PayPalSandboxBatch.Timestamp(now),
            ["resource_type"] = resourceType,
            ["resource_version"] = "1.0",
            ["event_type"] = eventType,
            ["summary"] = $"The payout's {resourceType} changed: {eventType}",
            ["resource"] = resource,
            ["links"] = new JsonArray(new JsonObject
            {
                ["href"] = new Uri(selfBase, $"v1/notifications/webhooks-events/{eventId}").ToString(),
                ["rel"] = "self",
                ["method"] = "GET",
            }),
        }.ToJsonString(RawText));
        var transmissionId = Guid.NewGuid().ToString();
        var transmissionTime = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PAYPAL-TRANSMISSION-ID"] = transmissionId,
            ["PAYPAL-TRANSMISSION-TIME"] = transmissionTime,
            ["PAYPAL-TRANSMISSION-SIG"] = Convert.ToBase64String(Sign(transmissionId, transmissionTime, options.WebhookId, body)),
            ["PAYPAL-CERT-URL"] = new Uri(selfBase, "v1/notifications/certs/CERT-sandbox-hmac").ToString(),
            ["PAYPAL-AUTH-ALGO"] = AuthAlgo,
        };
        _emitted.Enqueue(new PayPalSandboxWebhook(eventType, headers, body));
        context.Notifications.Send(context.NotificationUrl, "application/json", body, headers);
    }

    /// <summary>POST v1/notifications/verify-webhook-signature.</summary>
    public async Task<IResult> VerifyAsync(HttpContext http, PayPalSandboxAuth auth)
    {
        if (auth.RequireApp(http.Request) is { } refused)
        {
            return refused;
        }

        JsonDocument request;
        try
        {
            request = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return PayPalSandboxReplies.InvalidRequest();
        }

        using (request)
        {
            var root = request.RootElement;
            var details = new JsonArray();
            string?[] fields = [.. RequiredFields.Select(name => Field(root, name, details))];
            var webhookEvent = default(JsonElement);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("webhook_event", out webhookEvent) || webhookEvent.ValueKind != JsonValueKind.Object)
            {
                details.Add(PayPalSandboxReplies.Detail("webhook_event", "webhook_event is required and must be an object"));
            }

            if (details.Count > 0)
            {
                return PayPalSandboxReplies.Validation(details);
            }

            var (algo, id, sig, time, webhookId) = (fields[0]!, fields[2]!, fields[3]!, fields[4]!, fields[5]!);

            // The raw text of the embedded event: a client that re-serialised the body changed the bytes the signature covers.
            var body = Encoding.UTF8.GetBytes(webhookEvent.GetRawText());
            var valid = algo == AuthAlgo
                && webhookId == options.WebhookId
                && TryBase64(sig) is { } given
                && CryptographicOperations.FixedTimeEquals(given, Sign(id, time, webhookId, body));
            return PayPalSandboxReplies.Json(new JsonObject { ["verification_status"] = valid ? "SUCCESS" : "FAILURE" });
        }
    }

    private byte[] Sign(string transmissionId, string transmissionTime, string webhookId, byte[] body)
    {
        var signed = string.Create(CultureInfo.InvariantCulture, $"{transmissionId}|{transmissionTime}|{webhookId}|{Crc32.Of(body)}");
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.WebhookSigningKey), Encoding.UTF8.GetBytes(signed));
    }

    private static string? Field(JsonElement root, string name, JsonArray details)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        details.Add(PayPalSandboxReplies.Detail(name, $"{name} is required"));
        return null;
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A webhook as the service received it: header names as PayPal sends them, the exact body bytes.</summary>
public sealed record PayPalSandboxWebhook(string EventType, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>CRC-32 (IEEE 802.3, the zlib one), which PayPal's signature string carries as an unsigned decimal.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
