using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

/// <summary>
/// JwtBearer's token handler with a memory of tokens it accepted: services send the same token on every call, and
/// parsing plus a signature check per call is a measurable share of a cashout's CPU. Only successes are remembered
/// (a refusal is re-examined every time), each until its exp at the latest; every hit gets its own copy of the
/// identity, because identities are mutable.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(int capacity, TimeProvider time) : JsonWebTokenHandler
{
    private readonly TokenCache<TokenValidationResult> _accepted = new(capacity, time);

    internal int CachedTokens => _accepted.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_accepted.TryGet(token, out var cached))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = cached.SecurityToken,
                ClaimsIdentity = cached.ClaimsIdentity.Clone(),
                Issuer = cached.Issuer,
                TokenType = cached.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            _accepted.Add(token, result, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        }

        return result;
    }
}
