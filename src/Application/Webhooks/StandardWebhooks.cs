using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payouts.Application.Webhooks;

/// <summary>
/// Signing and verification per the Standard Webhooks spec (standardwebhooks.com): the signed content is
/// "{webhook-id}.{webhook-timestamp}.{body}", signed with HMAC-SHA256, and "webhook-signature" holds one
/// space-separated "v1,&lt;base64&gt;" per key so a merchant can rotate tokens without missing a webhook.
/// The timestamp is inside the signature, so a captured request cannot be replayed outside the window.
/// </summary>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The spec's recommended replay window, both ways (a receiver's clock may be ahead or behind).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v1";

    /// <summary>The "webhook-id" of a delivery: the same on every retry, so a receiver can drop duplicates.</summary>
    public static string MessageId(long deliveryId) => "msg_" + deliveryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A merchant's signing key: the SHA-256 of their token's UTF-8 bytes (we store only that hash).</summary>
    public static byte[] KeyFromToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The "webhook-signature" value: one "v1,..." per key, in the order given.</summary>
    public static string Sign(string messageId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var signatures = new List<string>();
        foreach (var key in keys)
        {
            signatures.Add(Version + "," + Convert.ToBase64String(Hmac(key, messageId, timestamp, body)));
        }

        if (signatures.Count == 0)
        {
            throw new ArgumentException("At least one key is needed: an unsigned webhook could not be verified.", nameof(keys));
        }

        return string.Join(' ', signatures);
    }

    /// <summary>
    /// Checks a received webhook: the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>
    /// and at least one "v1" signature matches one of <paramref name="keys"/> (compared in constant time).
    /// Pass the body exactly as received: re-serialized JSON would not match.
    /// </summary>
    public static WebhookVerification Verify(
        string? messageId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body,
        IEnumerable<byte[]> keys, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return WebhookVerification.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.InvalidTimestamp;
        }

        var window = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
        var nowSeconds = now.ToUnixTimeSeconds();
        if (seconds < nowSeconds - window)
        {
            return WebhookVerification.TooOld;
        }

        if (seconds > nowSeconds + window)
        {
            return WebhookVerification.TooNew;
        }

        var expected = new List<byte[]>();
        foreach (var key in keys)
        {
            expected.Add(Hmac(key, messageId, seconds, body));
        }

        Span<byte> received = stackalloc byte[32];
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (e.g. a future asymmetric "v1a") are skipped, not failed: the spec lets senders add them.
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !part.AsSpan(0, comma).SequenceEqual(Version)
                || !Convert.TryFromBase64String(part[(comma + 1)..], received, out var length) || length != received.Length)
            {
                continue;
            }

            // Every key is compared, match or not, so timing says nothing about which one matched.
            var matched = false;
            foreach (var candidate in expected)
            {
                matched |= CryptographicOperations.FixedTimeEquals(candidate, received);
            }

            if (matched)
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.NoMatchingSignature;
    }

    private static byte[] Hmac(byte[] key, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(messageId + "." + timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

/// <summary>The outcome of <see cref="StandardWebhooks.Verify"/>; anything but Valid means: reject the request.</summary>
public enum WebhookVerification
{
    Valid,
    MissingHeaders,
    InvalidTimestamp,

    /// <summary>Older than the tolerance: possibly a replay.</summary>
    TooOld,

    /// <summary>Further in the future than the tolerance.</summary>
    TooNew,
    NoMatchingSignature,
}
