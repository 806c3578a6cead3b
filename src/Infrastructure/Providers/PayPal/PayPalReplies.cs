using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Payouts.Infrastructure.Providers.PayPal;

internal static class PayPalReplies
{
    public static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    /// <summary>The error body (PROVIDERS.md 1.2.3), or null if there is none we can read: the status must then speak alone.</summary>
    public static async Task<PayPalError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<PayPalError>(PayPalJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (an HTML error page from a proxy).
            return null;
        }
    }
}
