using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>JwtBearer's token handler with its memory of accepted tokens: only successes, never beyond a token's exp, bounded.</summary>
public class TokenCacheTests
{
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private readonly TokenValidationParameters _parameters = AuthenticationExtensions.ValidationParameters(TestTokens.Settings());

    [Fact]
    public async Task The_same_token_twice_is_parsed_once_and_each_caller_gets_its_own_identity()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow(), ["balances:write"]));

        var first = await handler.ValidateTokenAsync(token, _parameters);
        var second = await handler.ValidateTokenAsync(token, _parameters);

        first.SecurityToken.Should().BeOfType<JsonWebToken>();
        second.IsValid.Should().BeTrue();
        second.SecurityToken.Should().BeOfType<AcceptedToken>("the second answer comes from the cache");
        second.ClaimsIdentity.Should().NotBeSameAs(first.ClaimsIdentity, "identities are mutable, so each request gets a copy");
        second.ClaimsIdentity.FindFirst("sub")!.Value.Should().Be("u1");
        handler.CachedTokens.Should().Be(1);
    }

    [Fact]
    public async Task A_token_one_character_away_from_a_remembered_one_is_validated_and_refused()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()));
        (await handler.ValidateTokenAsync(token, _parameters)).IsValid.Should().BeTrue();

        // The cache keys tokens by their SHA-256: a token with one character of its signature changed is another key.
        // (Not the last character, whose low bits are base64url padding that decoders may ignore.)
        var forged = token[..^5] + (token[^5] == 'A' ? 'B' : 'A') + token[^4..];
        var answer = await handler.ValidateTokenAsync(forged, _parameters);

        answer.IsValid.Should().BeFalse("its signature does not match, and no remembered validation stands in for it");
        (await handler.ValidateTokenAsync(token, _parameters)).SecurityToken.Should().BeOfType<AcceptedToken>();
    }

    [Fact]
    public async Task A_cached_token_is_forgotten_at_its_exp()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(2)));
        await handler.ValidateTokenAsync(token, _parameters);

        _time.Advance(TimeSpan.FromMinutes(3));
        var again = await handler.ValidateTokenAsync(token, _parameters);

        again.SecurityToken.Should().BeOfType<JsonWebToken>("past its exp the token is validated from scratch");
    }

    [Fact]
    public async Task A_refused_token_is_never_cached()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims["aud"] = "another-api";

        (await handler.ValidateTokenAsync(TestTokens.Sign(claims), _parameters)).IsValid.Should().BeFalse();

        handler.CachedTokens.Should().Be(0);
    }

    [Fact]
    public async Task Beyond_capacity_tokens_are_still_validated_but_not_remembered()
    {
        var handler = new CachingJsonWebTokenHandler(2, _time);

        var results = new List<TokenValidationResult>();
        foreach (var user in new[] { "u1", "u2", "u3" })
        {
            results.Add(await handler.ValidateTokenAsync(TestTokens.Sign(TestTokens.Claims(user, _time.GetUtcNow())), _parameters));
        }

        results.Should().OnlyContain(r => r.IsValid);
        handler.CachedTokens.Should().Be(2);
    }

    [Fact]
    public async Task When_full_expired_entries_are_swept_to_make_room()
    {
        var handler = new CachingJsonWebTokenHandler(1, _time);
        await handler.ValidateTokenAsync(TestTokens.Sign(TestTokens.Claims("short", _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(1))), _parameters);

        _time.Advance(TimeSpan.FromMinutes(2));
        // Validation reads the real clock, which the cache's has run ahead of: a token from the cache's "now" would not be valid yet.
        var fresh = TestTokens.Sign(TestTokens.Claims("fresh", DateTimeOffset.UtcNow));
        await handler.ValidateTokenAsync(fresh, _parameters);

        (await handler.ValidateTokenAsync(fresh, _parameters)).SecurityToken.Should().BeOfType<AcceptedToken>();
        handler.CachedTokens.Should().Be(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // mapped claims carry a property (their short type name), so properties are compared too
    public async Task A_hit_gives_the_identity_a_fresh_validation_of_the_token_gives(bool mapInboundClaims)
    {
        var handler = new CachingJsonWebTokenHandler(10, _time) { MapInboundClaims = mapInboundClaims };
        var token = TestTokens.Sign(RichClaims());
        await handler.ValidateTokenAsync(token, _parameters);

        var hit = await handler.ValidateTokenAsync(token, _parameters);
        var fresh = await new JsonWebTokenHandler { MapInboundClaims = mapInboundClaims }.ValidateTokenAsync(token, _parameters);

        hit.SecurityToken.Should().BeOfType<AcceptedToken>();
        fresh.ClaimsIdentity.Claims.Any(c => c.Properties.Count > 0).Should().Be(mapInboundClaims);
        Shape(hit.ClaimsIdentity).Should().Equal(Shape(fresh.ClaimsIdentity));
        hit.ClaimsIdentity.Claims.Should().OnlyContain(c => c.Subject == hit.ClaimsIdentity);
        (hit.Issuer, hit.TokenType).Should().Be((fresh.Issuer, fresh.TokenType));
    }

    [Fact]
    public async Task Changing_an_identity_the_handler_returned_does_not_change_what_the_next_hit_returns()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time) { MapInboundClaims = true };
        var token = TestTokens.Sign(RichClaims());
        var missed = (await handler.ValidateTokenAsync(token, _parameters)).ClaimsIdentity;
        var expected = Shape(missed);
        var hit = (await handler.ValidateTokenAsync(token, _parameters)).ClaimsIdentity;

        foreach (var identity in new[] { missed, hit })
        {
            identity.AddClaim(new Claim(CallerClaims.Scope, "payouts:admin"));
            identity.Claims.First(c => c.Properties.Count > 0).Properties["changed"] = "yes";
        }

        Shape((await handler.ValidateTokenAsync(token, _parameters)).ClaimsIdentity).Should().Equal(expected);
    }

    [Fact]
    public async Task The_token_of_a_hit_carries_the_tokens_lifetime_issuer_and_id()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var token = TestTokens.Sign(RichClaims());
        var jwt = (await handler.ValidateTokenAsync(token, _parameters)).SecurityToken;

        var hit = (await handler.ValidateTokenAsync(token, _parameters)).SecurityToken;

        hit.Should().BeOfType<AcceptedToken>();
        (hit.ValidFrom, hit.ValidTo, hit.Issuer, hit.Id).Should().Be((jwt.ValidFrom, jwt.ValidTo, jwt.Issuer, jwt.Id));
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        (hit.ValidFrom, hit.ValidTo, hit.Id).Should().Be(
            (DateTimeOffset.FromUnixTimeSeconds(now - 60).UtcDateTime, DateTimeOffset.FromUnixTimeSeconds(now + 3600).UtcDateTime, "token-7"));
        hit.ValidTo.Kind.Should().Be(DateTimeKind.Utc, "JwtBearer makes it the ticket's ExpiresUtc");
    }

    [Fact]
    public void An_accepted_token_reproduces_every_part_of_every_claim()
    {
        // Validation gives every claim the token's issuer as both issuers and (unmapped) no properties; the copy must not rely on it.
        var identity = new CaseSensitiveClaimsIdentity("custom-auth", "name-type", "role-type");
        identity.AddClaim(new Claim("name-type", "Ann", ClaimValueTypes.String, "issuer-a", "original-issuer-a"));
        var withProperties = new Claim("role-type", "admin", ClaimValueTypes.String, "issuer-b", "original-issuer-b");
        withProperties.Properties["source"] = "directory";
        withProperties.Properties["weight"] = "2";
        identity.AddClaim(withProperties);
        var result = new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = new JsonWebToken(TestTokens.For("u1")),
            ClaimsIdentity = identity,
        };

        var copy = AcceptedToken.From(result)!.NewIdentity();

        Shape(copy).Should().Equal(Shape(identity));
        (copy.Name, copy.HasClaim("role-type", "admin")).Should().Be(("Ann", true));
    }

    [Fact]
    public async Task A_token_whose_identity_has_an_actor_is_validated_every_time()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims[ClaimTypes.Actor] = TestTokens.Sign(TestTokens.Claims("service-1", _time.GetUtcNow()));
        var token = TestTokens.Sign(claims);

        await handler.ValidateTokenAsync(token, _parameters);
        var second = await handler.ValidateTokenAsync(token, _parameters);

        second.ClaimsIdentity.Actor!.FindFirst(CallerClaims.Subject)!.Value.Should().Be("service-1");
        handler.CachedTokens.Should().Be(0, "a copy of the claims alone would lose the actor");
    }

    /// <summary>Claims of every JSON kind: strings, numbers, a boolean, an array (one claim per element), an object.</summary>
    private Dictionary<string, object> RichClaims()
    {
        var now = _time.GetUtcNow();
        var claims = TestTokens.Claims("u1", now, ["balances:write", "payouts:read"]);
        claims["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds();
        claims["jti"] = "token-7";
        claims["scp"] = new[] { "a", "b" };
        claims["email_verified"] = true;
        claims["cnf"] = new Dictionary<string, object> { ["jkt"] = "thumbprint" };
        return claims;
    }

    /// <summary>Everything a caller can read of an identity, in order.</summary>
    private static List<string> Shape(ClaimsIdentity identity)
    {
        var shape = new List<string>
        {
            $"{identity.GetType()} {identity.AuthenticationType} {identity.IsAuthenticated} {identity.NameClaimType} {identity.RoleClaimType} {identity.Name} {identity.Label} {identity.Actor}",
        };
        shape.AddRange(identity.Claims.Select(c =>
            $"{c.Type} {c.Value} {c.ValueType} {c.Issuer} {c.OriginalIssuer} [{string.Join(", ", c.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))}]"));
        return shape;
    }
}
