using System.Security.Cryptography;
using System.Text;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// Signs an IPCN the way PROVIDERS.md §2.8 describes Payoneer's hmacauth. Written apart from the adapter's verifier
/// on purpose: two readings of the same description that agree are a better check than one shared routine.
/// </summary>
public static class PayoneerIpcnSigner
{
    /// <summary>The full Authorization header value: "hmacauth AppName:Signature:Nonce:Timestamp".</summary>
    public static string AuthorizationHeader(string secret, string appName, string method, Uri url, byte[] body, string nonce, long unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(method);
        var timestamp = unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"hmacauth {appName}:{Signature(secret, appName, method, url, body, nonce, timestamp)}:{nonce}:{timestamp}";
    }

    public static string Signature(string secret, string appName, string method, Uri url, byte[] body, string nonce, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(method);
        var verb = method.ToUpperInvariant();
#pragma warning disable CA5351 // Payoneer's scheme digests the body with MD5; the HMAC over it is what authenticates.
        var digest = verb == "POST" ? Convert.ToBase64String(MD5.HashData(body)) : string.Empty;
#pragma warning restore CA5351
        var message = appName + verb + JavaStyleEncode(SortedQuery(url.AbsoluteUri.ToLowerInvariant())).ToLowerInvariant() + timestamp + nonce + digest;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(message)));
    }

    private static string SortedQuery(string url)
    {
        var parts = url.Split('?', 2);
        return parts.Length == 1 ? url : parts[0] + "?" + string.Join("&", parts[1].Split('&').Order(StringComparer.Ordinal));
    }

    private static string JavaStyleEncode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => b switch
        {
            (byte)' ' => "+",
            _ when char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' => ((char)b).ToString(),
            _ => "%" + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
        }));
}
