using System.Security.Cryptography;
using System.Text;
using Payouts.Application.Common;

namespace Payouts.Api.HostedForm;

/// <summary>
/// Double-submit CSRF protection for the hosted form: the page sets a random cookie and puts the same value in
/// a hidden field; a submission must carry both, equal. Another site can make a browser post the form, but can
/// neither read nor set the cookie (HttpOnly, SameSite=Strict, our origin only), so it cannot supply a match.
/// </summary>
public static class CheckinCsrf
{
    public const string CookieName = "checkin_csrf";
    public const string FieldName = "csrf";
    private const int TokenBytes = 32;

    /// <summary>
    /// The token for this page: the browser's current one if it has a well-formed one (so a second tab does not
    /// invalidate the first), otherwise a new one, set as the cookie either way.
    /// </summary>
    public static string Issue(HttpContext http)
    {
        var token = http.Request.Cookies[CookieName] is { } existing && IsWellFormed(existing)
            ? existing
            : Base64Url.Encode(RandomNumberGenerator.GetBytes(TokenBytes));
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/checkin",
            // Behind a TLS-terminating proxy the request arrives as http: the public address decides.
            Secure = http.Request.IsHttps || http.RequestServices.GetRequiredService<Payouts.Application.Payouts.PayoutPolicy>().PublicBaseUrl.Scheme == Uri.UriSchemeHttps,
            IsEssential = true,
        });
        return token;
    }

    /// <summary>Whether the cookie and the submitted field are present and equal, compared in constant time.</summary>
    public static bool IsValid(HttpContext http, IFormCollection form)
    {
        var cookie = http.Request.Cookies[CookieName];
        var field = form[FieldName].ToString();
        return cookie is not null && IsWellFormed(cookie) && field.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(field));
    }

    /// <summary>43 base64url characters: what <see cref="Issue"/> makes; anything else is not ours.</summary>
    private static bool IsWellFormed(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
