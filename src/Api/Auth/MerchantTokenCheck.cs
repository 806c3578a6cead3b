using Payouts.Application.Merchants;

namespace Payouts.Api.Auth;

/// <summary>
/// A merchant token is valid while its hash is on file and it is not revoked. It is looked up on every
/// request, so a revocation takes effect at once; the lookup is one indexed read.
/// </summary>
internal static class MerchantTokenCheck
{
    public static async Task<TokenCheck> ValidateAsync(string token, IMerchantTokenReader tokens, CancellationToken cancellationToken)
    {
        var found = await tokens.FindByHashAsync(MerchantToken.HashOf(token), cancellationToken);
        return found switch
        {
            null => TokenCheck.Fail("Unknown merchant token."),
            { IsActive: false } => TokenCheck.Fail("The merchant token was revoked."),
            _ => TokenCheck.Success(new Caller(found.MerchantId, found.Permissions, IsMerchant: true)),
        };
    }
}
