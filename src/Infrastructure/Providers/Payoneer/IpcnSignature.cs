using System.Security.Cryptography;
using System.Text;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Payoneer's IPCN hmacauth signature (PROVIDERS.md §2.8, after go-payoneer, which matched it against a real
/// sandbox webhook): base64 HMAC-SHA256 of AppName + METHOD + lower(urlencode(normalized URL)) + Timestamp + Nonce
/// + base64(MD5(body)), the body digest only for POST.
/// </summary>
internal static class IpcnSignature
{
    public static string Compute(string secret, string appName, string method, Uri url, ReadOnlySpan<byte> body, string nonce, string timestamp)
    {
        var upperMethod = method.ToUpperInvariant();
#pragma warning disable CA5351 // Payoneer's scheme digests the body with MD5; the HMAC over it is what authenticates.
        var bodyDigest = upperMethod == "POST" ? Convert.ToBase64String(MD5.HashData(body)) : string.Empty;
#pragma warning restore CA5351
        var toSign = appName + upperMethod + UrlEncode(Normalize(url.AbsoluteUri)).ToLowerInvariant() + timestamp + nonce + bodyDigest;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(toSign)));
    }

    /// <summary>Lowercased, with the query's parameters sorted (ordinally, as the reference sorts bytes).</summary>
    private static string Normalize(string url)
    {
        var lower = url.ToLowerInvariant();
        var query = lower.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return lower;
        }

        var parameters = lower[(query + 1)..].Split('&');
        Array.Sort(parameters, StringComparer.Ordinal);
        return lower[..(query + 1)] + string.Join('&', parameters);
    }

    /// <summary>Form-style encoding as Payoneer's Java verifier does it: only letters, digits, '-', '_' and '.' stay; space is '+'.</summary>
    private static string UrlEncode(string value)
    {
        var encoded = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                encoded.Append(c);
            }
            else if (c == ' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
