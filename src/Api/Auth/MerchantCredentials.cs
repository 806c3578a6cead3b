using System.Net.Http.Headers;
using System.Text;

namespace Payouts.Api.Auth;

/// <summary>
/// Where a merchant token travels: <c>Authorization: Bearer tk_...</c>, or HTTP Basic with the token as the user name
/// and an empty password (<c>curl -u "$MERCHANT_TOKEN:"</c>, the convention of the major payment APIs; seed 002 says
/// "Bearer or BasicAuth"). The same header carries it over gRPC metadata. Parsed here because ASP.NET Core ships no
/// Basic authentication handler; AuthenticationHeaderValue does the header grammar, this only splits the credentials.
/// </summary>
internal static class MerchantCredentials
{
    /// <summary>What the request presents for the merchant scheme.</summary>
    public abstract record Presented;

    /// <summary>A token, from either form.</summary>
    public sealed record Token(string Value) : Presented;

    /// <summary>Basic credentials that cannot be a merchant token's: why, for the log (never the credentials).</summary>
    public sealed record Refused(string Reason) : Presented;

    /// <summary>The merchant credentials of the request; null when it has none (no header, or a JWT).</summary>
    public static Presented? Of(HttpRequest request)
    {
        if (BearerToken.Of(request) is { } bearer)
        {
            return MerchantTokenHandler.IsMerchantToken(bearer) ? new Token(bearer) : null;
        }

        return AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            ? FromBasic(header.Parameter)
            : null;
    }

    private static Presented FromBasic(string? parameter)
    {
        var buffer = new byte[((parameter?.Length ?? 0) * 3 / 4) + 3];
        if (parameter is null || !Convert.TryFromBase64String(parameter, buffer, out var written))
        {
            return new Refused("Basic credentials are not base64.");
        }

        var credentials = Encoding.UTF8.GetString(buffer, 0, written);
        return credentials.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && colon == credentials.Length - 1
            && MerchantTokenHandler.IsMerchantToken(credentials[..colon])
            ? new Token(credentials[..colon])
            : new Refused("Basic credentials must be a merchant token as the user name and an empty password.");
    }
}
