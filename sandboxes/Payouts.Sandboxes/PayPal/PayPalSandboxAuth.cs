using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// PayPal's token endpoint (PROVIDERS.md 1.1, 1.3 step 4) and the bearer tokens it issues: app tokens from
/// client_credentials for the REST APIs, user tokens from a "Log in with PayPal" code for userinfo only.
/// </summary>
internal sealed class PayPalSandboxAuth(SandboxContext context)
{
    private const string PayoutScopes = "https://uri.paypal.com/services/payments/payouts https://uri.paypal.com/services/applications/webhooks openid";

    private readonly DurableTable<IssuedToken> _tokens = context.State.Table<IssuedToken>("token");
    private readonly DurableTable<IssuedCode> _codes = context.State.Table<IssuedCode>("code");
    private int _appTokensIssued;
    private int _tokensRejected;

    private PayPalSandboxOptions Options => context.Settings.PayPal;

    private TimeProvider Clock => context.Clock;

    /// <summary>client_credentials grants answered since the sandbox started; tests count them to see the adapter's cache.</summary>
    public int AppTokensIssued => Volatile.Read(ref _appTokensIssued);

    /// <summary>Requests refused for an unknown or expired bearer token.</summary>
    public int TokensRejected => Volatile.Read(ref _tokensRejected);

    /// <summary>Forgets every token, as PayPal does on a credential rotation.</summary>
    public void RevokeAll() => context.State.Change(() =>
    {
        foreach (var token in _tokens.Keys)
        {
            _tokens.Remove(token);
        }
    });

    /// <summary>A consent the user just gave: single-use, bound to the redirect_uri it was given for.</summary>
    public string IssueCode(Uri redirectUri, string scopes, string payerId)
    {
        var code = "C21AA" + PayPalSandboxReplies.RandomId(40);
        context.State.Change(() => _codes.Put(code, new IssuedCode(redirectUri.ToString(), scopes, payerId, Clock.GetUtcNow().AddMinutes(10))));
        return code;
    }

    public async Task<IResult> TokenAsync(HttpContext http)
    {
        if (!ClientAuthenticated(http.Request))
        {
            return PayPalSandboxReplies.OAuth(StatusCodes.Status401Unauthorized, "invalid_client", "Client Authentication failed");
        }

        if (!http.Request.HasFormContentType)
        {
            return PayPalSandboxReplies.OAuth(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Grant Type is NULL");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return form["grant_type"].ToString() switch
        {
            "client_credentials" => IssueAppToken(),
            "authorization_code" => Redeem(form["code"].ToString(), form["redirect_uri"].ToString()),
            "" => PayPalSandboxReplies.OAuth(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Grant Type is NULL"),
            var other => PayPalSandboxReplies.OAuth(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Grant Type {other} is not supported"),
        };
    }

    /// <summary>Null if the request carries a live app token; otherwise PayPal's 401/403.</summary>
    public IResult? RequireApp(HttpRequest request) => Require(request, TokenKind.App, out _);

    public IResult? RequireUser(HttpRequest request, out string payerId, out string scopes)
    {
        var refused = Require(request, TokenKind.User, out var token);
        payerId = token?.PayerId ?? string.Empty;
        scopes = token?.Scopes ?? string.Empty;
        return refused;
    }

    private IResult? Require(HttpRequest request, TokenKind kind, out IssuedToken? token)
    {
        token = null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return PayPalSandboxReplies.AuthenticationFailure();
        }

        if (!_tokens.TryGet(header["Bearer ".Length..], out token) || token.Expires <= Clock.GetUtcNow())
        {
            Interlocked.Increment(ref _tokensRejected);
            return PayPalSandboxReplies.OAuth(StatusCodes.Status401Unauthorized, "invalid_token", "Access Token not found in cache");
        }

        return token.Kind == kind ? null : PayPalSandboxReplies.NotAuthorized();
    }

    private IResult IssueAppToken()
    {
        Interlocked.Increment(ref _appTokensIssued);
        var token = Issue(new IssuedToken(TokenKind.App, default, PayoutScopes, null));
        return PayPalSandboxReplies.Json(new JsonObject
        {
            ["scope"] = PayoutScopes,
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-SANDBOX0PAYOUTS",
            ["expires_in"] = ExpiresInSeconds,
            ["nonce"] = Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + PayPalSandboxReplies.RandomId(20),
        });
    }

    private IResult Redeem(string code, string redirectUri)
    {
        // Single-use: the code is gone whether or not this redemption succeeds.
        var issued = context.State.Change(() => _codes.TryGet(code, out var found) && _codes.Remove(code) ? found : null);
        if (issued is null || issued.Expires <= Clock.GetUtcNow())
        {
            return PayPalSandboxReplies.OAuth(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid authorization code");
        }

        // PayPal's documented exchange omits redirect_uri; when a client sends it, it must be the one consented for.
        if (redirectUri.Length > 0 && !string.Equals(redirectUri, issued.RedirectUri, StringComparison.Ordinal))
        {
            return PayPalSandboxReplies.OAuth(StatusCodes.Status400BadRequest, "invalid_grant", "redirect_uri does not match the authorization request");
        }

        var token = Issue(new IssuedToken(TokenKind.User, default, issued.Scopes, issued.PayerId));
        return PayPalSandboxReplies.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["access_token"] = token,
            ["refresh_token"] = "R23AA" + PayPalSandboxReplies.RandomId(40),
            ["expires_in"] = ExpiresInSeconds,
            ["scope"] = issued.Scopes,
            ["nonce"] = PayPalSandboxReplies.RandomId(20),
        });
    }

    private string Issue(IssuedToken template)
    {
        var token = "A21AA" + PayPalSandboxReplies.RandomId(60);
        context.State.Change(() => _tokens.Put(token, template with { Expires = Clock.GetUtcNow() + Options.TokenLifetime }));
        return token;
    }

    private long ExpiresInSeconds => Math.Max(1, (long)Math.Ceiling(Options.TokenLifetime.TotalSeconds));

    private bool ClientAuthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && credentials[..colon] == Options.ClientId
            && credentials[(colon + 1)..] == Options.ClientSecret;
    }

    internal enum TokenKind
    {
        App,
        User,
    }

    internal sealed record IssuedToken(TokenKind Kind, DateTimeOffset Expires, string Scopes, string? PayerId);

    internal sealed record IssuedCode(string RedirectUri, string Scopes, string PayerId, DateTimeOffset Expires);
}
