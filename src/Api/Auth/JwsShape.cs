using System.Buffers.Text;
using System.Text.Json;

namespace Payouts.Api.Auth;

/// <summary>
/// Refuses, before IdentityModel sees the token, what must never reach it: JWE (5 parts, or an "enc"
/// header: 6.8.0 would try to decrypt, and decompressing JWE is a known denial of service), "alg": "none",
/// algorithms outside the allow-list, and anything that is not a compact JWS with a signature.
/// </summary>
internal static class JwsShape
{
    public const string Encrypted = "Token is encrypted (JWE); only signed tokens (JWS) are accepted.";
    public const string Malformed = "Token is not a compact JWS (header.payload.signature).";
    public const string AlgorithmNone = "Token is unsigned (alg none).";
    public const string Unsigned = "Token has no signature.";
    public const string AlgorithmNotAllowed = "Token algorithm is not allowed (HS256, RS256, ES256).";

    public static readonly IReadOnlySet<string> AllowedAlgorithms = new HashSet<string>(StringComparer.Ordinal) { "HS256", "RS256", "ES256" };

    /// <summary>Null when the token may go on to signature and claim validation; the reason otherwise.</summary>
    public static string? Refusal(string token)
    {
        var dots = token.AsSpan().Count('.');
        if (dots == 4)
        {
            return Encrypted;
        }

        if (dots != 2)
        {
            return Malformed;
        }

        return HeaderRefusal(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal)))
            ?? (token.EndsWith('.') ? Unsigned : null);
    }

    private static string? HeaderRefusal(ReadOnlySpan<char> encodedHeader)
    {
        if (!Base64Url.IsValid(encodedHeader))
        {
            return Malformed;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedHeader));
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Malformed;
            }

            if (header.RootElement.TryGetProperty("enc", out _))
            {
                return Encrypted;
            }

            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return Malformed;
            }

            var name = alg.GetString()!;
            return name.Equals("none", StringComparison.OrdinalIgnoreCase) ? AlgorithmNone
                : AllowedAlgorithms.Contains(name) ? null
                : AlgorithmNotAllowed;
        }
        catch (JsonException)
        {
            return Malformed;
        }
    }
}
