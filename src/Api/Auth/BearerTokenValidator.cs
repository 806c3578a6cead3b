using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

/// <summary>
/// Validates bearer tokens: JWS only, allowed algorithms only, issuer, audience, lifetime (on
/// <see cref="TimeProvider"/>, so tests can move time) and a configured signing key; then reads the caller.
/// One instance serves the whole process; it holds the cache of validated tokens.
/// </summary>
public sealed class BearerTokenValidator
{
    /// <summary>Far beyond any token we issue; refusing longer ones bounds what a request can make us parse.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TokenCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    /// <exception cref="InvalidOperationException">The configuration cannot validate any token (no key, bad key, no issuer...).</exception>
    public BearerTokenValidator(JwtAuthenticationOptions options, TimeProvider time)
    {
        Require(options.Issuer, "Auth:Issuer");
        Require(options.Audience, "Auth:Audience");
        if (options.ClockSkewSeconds is < 0 or > 300)
        {
            throw new InvalidOperationException($"Auth:ClockSkewSeconds is {options.ClockSkewSeconds}; it must be between 0 and 300.");
        }

        _time = time;
        _clockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds);
        _cache = new TokenCache(options.CacheCapacity, time);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = SigningKeys.Load(options.Keys),
            ValidAlgorithms = JwsShape.AllowedAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = _clockSkew,
            LifetimeValidator = ValidateLifetime,
        };
    }

    internal int CachedTokens => _cache.Count;

    public TokenCheck Validate(string token)
    {
        if (_cache.TryGet(token, out var cached))
        {
            return TokenCheck.Success(cached);
        }

        if (token.Length > MaxTokenLength)
        {
            return TokenCheck.Fail("Token is too long.");
        }

        if (JwsShape.Refusal(token) is { } refusal)
        {
            return TokenCheck.Fail(refusal);
        }

        var result = _handler.ValidateToken(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return TokenCheck.Fail(Reason(result.Exception));
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return TokenCheck.Fail("Token has no subject (sub).");
        }

        var caller = new Caller(jwt.Subject, ScopesOf(jwt));
        _cache.Add(token, caller, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return TokenCheck.Success(caller);
    }

    /// <summary>Scopes from <c>scope</c> (space-separated, RFC 8693) and <c>scp</c> (a string or an array).</summary>
    private static HashSet<string> ScopesOf(JsonWebToken jwt)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in jwt.Claims.Where(c => c.Type is "scope" or "scp"))
        {
            scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return scopes;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        // JsonWebToken reports a missing exp as DateTime.MinValue rather than null.
        if (expires is null || expires.Value == DateTime.MinValue)
        {
            throw new SecurityTokenNoExpirationException("Token has no exp.");
        }

        if (notBefore > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException("Token is not valid yet.");
        }

        return expires.Value >= now - _clockSkew ? true : throw new SecurityTokenExpiredException("Token has expired.");
    }

    /// <summary>Our words for IdentityModel's failures: its messages may quote token content.</summary>
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "Token has expired.",
        SecurityTokenNotYetValidException => "Token is not valid yet.",
        SecurityTokenNoExpirationException => "Token has no expiry (exp).",
        SecurityTokenInvalidIssuerException => "Token issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "Token audience is not accepted.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "Token signature is not valid for any configured key.",
        SecurityTokenInvalidAlgorithmException => JwsShape.AlgorithmNotAllowed,
        ArgumentException => JwsShape.Malformed,
        null => "Token is not valid.",
        _ => $"Token is not valid ({failure.GetType().Name}).",
    };

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{key} is required: tokens are only accepted from one issuer, for one audience.");
        }
    }
}
