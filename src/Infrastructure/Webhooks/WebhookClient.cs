using System.Net.Http.Headers;
using Payouts.Application.Webhooks;

namespace Payouts.Infrastructure.Webhooks;

/// <summary>
/// The HTTP side of one delivery attempt, over its own HttpClient (no redirects, no shared pool with the
/// provider clients), so a misbehaving merchant endpoint can only ever slow down webhooks.
/// </summary>
internal sealed class WebhookClient(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>POSTs the exact bytes that were signed; returns the status code. Only the headers are read, never the body.</summary>
    public async Task<int> PostAsync(Uri url, byte[] body, string messageId, long timestamp, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation(StandardWebhooks.IdHeader, messageId);
        request.Headers.TryAddWithoutValidation(StandardWebhooks.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhooks.SignatureHeader, signature);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode;
    }
}
