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

        second.IsValid.Should().BeTrue();
        second.SecurityToken.Should().BeSameAs(first.SecurityToken, "the second answer comes from the cache");
        second.ClaimsIdentity.Should().NotBeSameAs(first.ClaimsIdentity, "identities are mutable, so each request gets a copy");
        second.ClaimsIdentity.FindFirst("sub")!.Value.Should().Be("u1");
        handler.CachedTokens.Should().Be(1);
    }

    [Fact]
    public async Task A_cached_token_is_forgotten_at_its_exp()
    {
        var handler = new CachingJsonWebTokenHandler(10, _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(2)));
        var first = await handler.ValidateTokenAsync(token, _parameters);

        _time.Advance(TimeSpan.FromMinutes(3));
        var again = await handler.ValidateTokenAsync(token, _parameters);

        again.SecurityToken.Should().NotBeSameAs(first.SecurityToken, "past its exp the token is validated from scratch");
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
        var first = await handler.ValidateTokenAsync(fresh, _parameters);

        first.IsValid.Should().BeTrue();
        (await handler.ValidateTokenAsync(fresh, _parameters)).SecurityToken.Should().BeSameAs(first.SecurityToken);
        handler.CachedTokens.Should().Be(1);
    }
}
