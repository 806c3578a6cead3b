using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>OAuth2 client credentials (PROVIDERS.md §2.1): id and secret in the form, or as HTTP Basic.</summary>
public sealed partial class PayoneerSandbox
{
    private Task<IResult> IssueTokenAsync(HttpContext http) => RunAsync("token", http, async () =>
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request", error_description = "Expected application/x-www-form-urlencoded" }, statusCode: 400);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return Results.Json(new { error = "unsupported_grant_type", error_description = "Only client_credentials is supported" }, statusCode: 400);
        }

        var (id, secret) = BasicCredentials(http) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (!SameText(id, Options.ClientId) || !SameText(secret, Options.ClientSecret))
        {
            return Results.Json(new { error = "invalid_client", error_description = "Client authentication failed" }, statusCode: 401);
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Context.State.Change(() => _tokens.Put(token, Context.Clock.GetUtcNow() + Options.TokenLifetime));
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new
        {
            token_type = "Bearer",
            access_token = token,
            expires_in = (int)Options.TokenLifetime.TotalSeconds,
            consented_on = Context.Clock.GetUtcNow().ToUnixTimeSeconds(),
            scope = form["scope"].ToString(),
        });
    });

    private bool HasValidToken(HttpContext http) =>
        AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && header.Parameter is { } token
        && _tokens.TryGet(token, out var expires)
        && Context.Clock.GetUtcNow() < expires;

    private static (string Id, string Secret)? BasicCredentials(HttpContext http)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            return pair.Length == 2 ? (pair[0], pair[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
