using System.Security.Cryptography;
using System.Text;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Tupay's two HMAC-SHA256 constructions, both keyed with the API Signature (PROVIDERS.md 4.2, 4.7).</summary>
internal static class TupaySignature
{
    /// <summary>The Payload-Signature header: lowercase hex over the exact body bytes sent.</summary>
    public static string OfPayload(string apiSignature, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSignature), body));

    /// <summary>A notification's expected "control" MAC over prefix + external_id + suffix (sent as uppercase hex).</summary>
    public static byte[] ControlMac(string apiSignature, string prefix, string externalId, string suffix) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSignature), Encoding.UTF8.GetBytes(prefix + externalId + suffix));
}
