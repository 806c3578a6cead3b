using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>The validator's cache: only successes, never beyond a token's exp, bounded.</summary>
public class TokenCacheTests
{
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Validate_same_token_twice_returns_the_cached_caller()
    {
        var validator = new BearerTokenValidator(TestTokens.Options(), _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow(), ["balances:write"]));

        var first = validator.Validate(token).Caller;
        var second = validator.Validate(token).Caller;

        second.Should().BeSameAs(first);
        validator.CachedTokens.Should().Be(1);
    }

    [Fact]
    public void Validate_cached_token_after_its_expiry_is_refused()
    {
        var validator = new BearerTokenValidator(TestTokens.Options(), _time);
        var token = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(2)));
        validator.Validate(token).Succeeded.Should().BeTrue();

        _time.Advance(TimeSpan.FromMinutes(3));

        validator.Validate(token).Failure.Should().Be("Token has expired.");
        validator.CachedTokens.Should().Be(0);
    }

    [Fact]
    public void Validate_refused_token_is_never_cached()
    {
        var validator = new BearerTokenValidator(TestTokens.Options(), _time);
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims["aud"] = "another-api";

        validator.Validate(TestTokens.Sign(claims)).Succeeded.Should().BeFalse();

        validator.CachedTokens.Should().Be(0);
    }

    [Fact]
    public void Validate_beyond_capacity_still_validates_without_caching()
    {
        var options = TestTokens.Options();
        options.CacheCapacity = 2;
        var validator = new BearerTokenValidator(options, _time);

        var results = Enumerable.Range(1, 3)
            .Select(i => validator.Validate(TestTokens.Sign(TestTokens.Claims($"u{i}", _time.GetUtcNow())))).ToList();

        results.Should().OnlyContain(r => r.Succeeded);
        validator.CachedTokens.Should().Be(2);
    }

    [Fact]
    public void Validate_when_full_sweeps_expired_entries_to_make_room()
    {
        var options = TestTokens.Options();
        options.CacheCapacity = 1;
        var validator = new BearerTokenValidator(options, _time);
        validator.Validate(TestTokens.Sign(TestTokens.Claims("short", _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(1))));

        _time.Advance(TimeSpan.FromMinutes(2));
        var fresh = TestTokens.Sign(TestTokens.Claims("fresh", _time.GetUtcNow()));
        var first = validator.Validate(fresh).Caller;

        validator.Validate(fresh).Caller.Should().BeSameAs(first);
        validator.CachedTokens.Should().Be(1);
    }
}
