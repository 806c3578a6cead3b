using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payouts.Application.Tests.Webhooks;

// The block between the README markers is copied verbatim into README.md ("Verifying a webhook");
// ReadmeSampleTests fails if the two drift apart, and the delivery tests run it on real webhooks.
// README:begin
public static class WebhookCheck
{
    /// <param name="token">Your merchant token (the one you send as "Authorization: Bearer ...").</param>
    /// <param name="id">The "webhook-id" header.</param>
    /// <param name="timestamp">The "webhook-timestamp" header.</param>
    /// <param name="signatures">The "webhook-signature" header.</param>
    /// <param name="body">The request body exactly as received, before any JSON parsing.</param>
    public static bool IsAuthentic(string token, string id, string timestamp, string signatures, byte[] body, DateTimeOffset now)
    {
        // Outside five minutes of our clock: possibly a replay of an old request.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var key = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        byte[] signedContent = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var expected = HMACSHA256.HashData(key, signedContent);
        var expectedText = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(expected));

        // One signature per active token (rotation): any one match is enough. Compare in constant time.
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expectedText));
    }
}

// README:end
