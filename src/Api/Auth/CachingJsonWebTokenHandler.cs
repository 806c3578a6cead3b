using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

/// <summary>
/// JwtBearer's token handler with a memory of tokens it accepted: services send the same token on every call, and
/// parsing plus a signature check per call is a measurable share of a cashout's CPU. Only successes are remembered
/// (a refusal is re-examined every time), each until its exp at the latest, as an <see cref="AcceptedToken"/>: every
/// hit gets a new identity built from it, because identities are mutable.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(int capacity, TimeProvider time) : JsonWebTokenHandler
{
    private readonly TokenCache<AcceptedToken> _accepted = new(capacity, time);

    internal int CachedTokens => _accepted.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_accepted.TryGet(token, out var accepted))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = accepted,
                ClaimsIdentity = accepted.NewIdentity(),
                Issuer = accepted.ValidatedIssuer,
                TokenType = accepted.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (AcceptedToken.From(result) is { } remembered)
        {
            _accepted.Add(token, remembered, new DateTimeOffset(remembered.ValidTo, TimeSpan.Zero));
        }

        return result;
    }
}
