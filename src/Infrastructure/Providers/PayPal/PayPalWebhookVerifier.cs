using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// PayPal webhooks, verified by postback (PROVIDERS.md 1.4 option A): PayPal itself checks the signature headers
/// against the body and our webhook id. The body is embedded byte for byte, because the signature covers a CRC32
/// of the exact bytes; re-serialising it would fail genuine events.
/// </summary>
internal sealed partial class PayPalWebhookVerifier(PayPalApiClient api, ILogger<PayPalWebhookVerifier> logger) : INotificationVerifier
{
    private const string InvalidSignature = "invalid_signature";

    public Provider Provider => Provider.PayPal;

    public async Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.IsNullOrWhiteSpace(api.Options.WebhookId))
        {
            return new ProviderFailure(false, "not_configured", $"{PayPalOptions.Section}:WebhookId must be configured.");
        }

        if (SignatureOf(notification.Headers) is not { } signature)
        {
            return Invalid("signature headers missing or malformed");
        }

        JsonDocument webhookEvent;
        try
        {
            webhookEvent = JsonDocument.Parse(notification.Body);
        }
        catch (JsonException)
        {
            return Invalid("body is not JSON");
        }

        using (webhookEvent)
        {
            if (webhookEvent.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("body is not a JSON object");
            }

            var verified = await PostBackAsync(signature, notification.Body, cancellationToken);
            if (verified.Failure is { } failure)
            {
                return failure;
            }

            return new VerifiedNotification(PayoutIdsOf(webhookEvent.RootElement), []);
        }
    }

    private async Task<ProviderResult<bool>> PostBackAsync(SignatureHeaders signature, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = VerifyRequest(signature, api.Options.WebhookId!, body.Span);
        try
        {
            // A check changes nothing at PayPal, so it may be repeated.
            var sent = await api.SendAsync(
                () => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Post, "v1/notifications/verify-webhook-signature") { Content = Json(request) }),
                cancellationToken);
            if (sent.Failure is { } failure)
            {
                return failure;
            }

            using var response = sent.Value!;
            if (PayPalReplies.IsTransient(response.StatusCode))
            {
                return ProviderCalls.FailureOf(response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                // PayPal refuses to check what it cannot read (e.g. headers beyond its limits): forged or garbled either way.
                var error = await PayPalReplies.ReadErrorAsync(response, cancellationToken);
                return Invalid(PayPalErrors.Describe(error, (int)response.StatusCode));
            }

            var reply = await response.Content.ReadFromJsonAsync<VerifySignatureReply>(PayPalJson.Options, cancellationToken);
            return reply?.VerificationStatus switch
            {
                "SUCCESS" => true,
                "FAILURE" => Invalid("PayPal reports verification_status FAILURE"),
                _ => new ProviderFailure(true, "malformed_reply", "PayPal's verification reply has no verification_status."),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private static byte[] VerifyRequest(SignatureHeaders signature, string webhookId, ReadOnlySpan<byte> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_algo", signature.AuthAlgo);
            writer.WriteString("cert_url", signature.CertUrl);
            writer.WriteString("transmission_id", signature.TransmissionId);
            writer.WriteString("transmission_sig", signature.TransmissionSig);
            writer.WriteString("transmission_time", signature.TransmissionTime);
            writer.WriteString("webhook_id", webhookId);
            writer.WritePropertyName("webhook_event");
            writer.WriteRawValue(body);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The headers, within the limits PayPal's verify endpoint accepts; anything else is not from PayPal.</summary>
    private static SignatureHeaders? SignatureOf(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("paypal-transmission-id", out var id) || id.Length is 0 or > 50
            || !headers.TryGetValue("paypal-transmission-time", out var time)
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || !headers.TryGetValue("paypal-transmission-sig", out var sig) || sig.Length is 0 or > 500
            || !headers.TryGetValue("paypal-cert-url", out var certUrl) || certUrl.Length > 500 || !Uri.TryCreate(certUrl, UriKind.Absolute, out _)
            || !headers.TryGetValue("paypal-auth-algo", out var algo) || algo.Length > 100 || !AuthAlgoPattern().IsMatch(algo))
        {
            return null;
        }

        return new SignatureHeaders(id, time, sig, certUrl, algo);
    }

    /// <summary>
    /// Our payout ids: the batch's sender_batch_id (batch events carry it in the header, item events on the item)
    /// and the item's sender_item_id, which we set to the same id. Events about anything else concern no payout.
    /// </summary>
    private static List<long> PayoutIdsOf(JsonElement webhookEvent)
    {
        var ids = new List<long>();
        if (!webhookEvent.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
        {
            return ids;
        }

        string[][] paths =
        [
            ["sender_batch_id"],
            ["batch_header", "sender_batch_header", "sender_batch_id"],
            ["sender_item_id"],
            ["payout_item", "sender_item_id"],
        ];
        foreach (var path in paths)
        {
            if (At(resource, path) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string? At(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private ProviderFailure Invalid(string why)
    {
        LogInvalid(logger, why);
        return new ProviderFailure(false, InvalidSignature, $"PayPal webhook not authentic: {why}.");
    }

    private static ByteArrayContent Json(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [GeneratedRegex("^[a-zA-Z0-9]+$")]
    private static partial Regex AuthAlgoPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal webhook refused: {Why}")]
    private static partial void LogInvalid(ILogger logger, string why);

    private sealed record SignatureHeaders(string TransmissionId, string TransmissionTime, string TransmissionSig, string CertUrl, string AuthAlgo);
}
