using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Payouts.Application.Merchants;

namespace Payouts.Api.Auth;

/// <summary>
/// The "Bearer" scheme: turns <c>authorization: Bearer &lt;token&gt;</c> into <c>HttpContext.User</c>, from a
/// JWT (users, services) or a merchant token (<c>tk_...</c>, looked up by its hash).
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (header.Count != 1 || !TryReadBearer(header[0], out var token))
        {
            return AuthenticateResult.Fail(MalformedHeader);
        }

        var check = token.StartsWith(MerchantToken.Prefix, StringComparison.Ordinal)
            ? await MerchantTokenCheck.ValidateAsync(token, Context.RequestServices.GetRequiredService<IMerchantTokenReader>(), Context.RequestAborted)
            : validator.Validate(token);
        return check.Caller is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail(check.Failure!);
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
