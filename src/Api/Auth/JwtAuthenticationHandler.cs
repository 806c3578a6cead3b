using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Payouts.Api.Auth;

/// <summary>
/// The "Bearer" scheme: turns <c>authorization: Bearer &lt;token&gt;</c> into <c>HttpContext.User</c>.
/// It only ever authenticates; nothing here challenges, so gRPC calls never get an HTTP 401: a call
/// without a valid token reaches its handler anonymous and <see cref="CallerExtensions.RequireCaller"/>
/// answers UNAUTHENTICATED, while health and reflection, which need no caller, keep working.
/// The base class logs each failure (Information) with our reason text, never the token.
/// </summary>
public sealed class JwtAuthenticationHandler(
    IOptionsMonitor<JwtAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerTokenValidator validator)
    : AuthenticationHandler<JwtAuthenticationOptions>(options, logger, encoder)
{
    public const string MalformedHeader = "Authorization header is not exactly one 'Bearer <token>'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (header.Count != 1 || !TryReadBearer(header[0], out var token))
        {
            return Task.FromResult(AuthenticateResult.Fail(MalformedHeader));
        }

        var check = validator.Validate(token);
        return Task.FromResult(check.Caller is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail(check.Failure!));
    }

    /// <summary>"Bearer" in any case, spaces, then one token with no spaces in it (RFC 6750 section 2.1).</summary>
    internal static bool TryReadBearer(string? value, out string token)
    {
        token = "";
        var text = value.AsSpan().Trim();
        if (text.Length <= 7 || !text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text[7..].TrimStart(' ');
        if (rest.IsEmpty || rest.ContainsAny(' ', '\t', ','))
        {
            return false;
        }

        token = rest.ToString();
        return true;
    }
}
