using System.Net;
using System.Net.Http.Headers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Sends signed bodies to Tupay; the HttpClient comes with Tupay's resilience pipeline and base URL.</summary>
internal sealed class TupayClient(HttpClient http)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Payouts", "1.0");

    /// <summary>
    /// Posts <paramref name="body"/> with its Payload-Signature. A cashout is never retried here: a retry
    /// after a lost reply could be answered with an error that says nothing of the first attempt, so only
    /// the dispatcher, which asks Tupay first, sends a payout again.
    /// </summary>
    public async Task<Reply> PostAsync(string path, byte[] body, string apiSignature, bool retrySafe, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Payload-Signature", TupaySignature.OfPayload(apiSignature, body));
        request.Headers.UserAgent.Add(UserAgent);
        if (retrySafe)
        {
            ResilienceHandler.MarkRetrySafe(request);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return new Reply(response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public sealed record Reply(HttpStatusCode Status, byte[] Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }
}
