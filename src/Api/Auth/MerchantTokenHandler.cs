using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Payouts.Application.Merchants;

namespace Payouts.Api.Auth;

/// <summary>
/// Merchant tokens (<c>tk_...</c>, as a bearer token or as HTTP Basic's user name: <see cref="MerchantCredentials"/>): valid while their hash is on file and they are not revoked. Looked up on every
/// request, so a revocation takes effect at once; the lookup is one indexed read. Hand-written because a merchant
/// token is an opaque API key, not a JWT: no package validates our own key store. The base class logs each
/// failure (Information) with the reason, never the token.
/// </summary>
public sealed class MerchantTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMerchantTokenReader tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MerchantToken";

    public static bool IsMerchantToken(string? token) => token?.StartsWith(MerchantToken.Prefix, StringComparison.Ordinal) == true;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        switch (MerchantCredentials.Of(Request))
        {
            case null:
                return AuthenticateResult.NoResult();
            case MerchantCredentials.Refused refused:
                return AuthenticateResult.Fail(refused.Reason);
            case MerchantCredentials.Token { Value: var token }:
                return await AuthenticateAsync(token);
            default:
                throw new InvalidOperationException("Unknown kind of merchant credentials.");
        }
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string token)
    {
        var found = await tokens.FindByHashAsync(MerchantToken.HashOf(token), Context.RequestAborted);
        return found switch
        {
            null => AuthenticateResult.Fail("Unknown merchant token."),
            { IsActive: false } => AuthenticateResult.Fail("The merchant token was revoked."),
            _ => AuthenticateResult.Success(new AuthenticationTicket(
                CallerClaims.ToPrincipal(new Caller(found.MerchantId, found.Permissions, IsMerchant: true), SchemeName), SchemeName)),
        };
    }
}
