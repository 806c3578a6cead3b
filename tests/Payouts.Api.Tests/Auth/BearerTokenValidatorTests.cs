using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>What the "Bearer" scheme accepts and refuses, straight against the validator it uses.</summary>
public class BearerTokenValidatorTests
{
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Validate_hs256_token_from_the_configured_key_returns_the_subject_as_caller()
    {
        var check = Validator().Validate(TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow())));

        check.Failure.Should().BeNull();
        check.Caller!.Id.Should().Be("u1");
        check.Caller.Scopes.Should().BeEmpty();
    }

    [Fact]
    public void Validate_rs256_token_checks_against_a_pem_public_key()
    {
        using var rsa = RSA.Create(2048);
        var validator = Validator(new SigningKeyOptions { KeyId = "rsa-1", PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() });
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "rsa-1" }, SecurityAlgorithms.RsaSha256);

        var check = validator.Validate(TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()), credentials));

        check.Caller!.Id.Should().Be("u1", check.Failure);
    }

    [Fact]
    public void Validate_es256_token_checks_against_a_pem_public_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var validator = Validator(new SigningKeyOptions { KeyId = "ec-1", PublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem() });
        var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256);

        var check = validator.Validate(TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()), credentials));

        check.Caller!.Id.Should().Be("u1", check.Failure);
    }

    [Fact]
    public void Validate_with_two_keys_accepts_tokens_of_either_so_keys_can_rotate()
    {
        var newSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var validator = Validator(
            new SigningKeyOptions { KeyId = "old", SecretBase64 = TestTokens.SecretBase64 },
            new SigningKeyOptions { KeyId = "new", SecretBase64 = newSecret });
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());

        validator.Validate(TestTokens.Sign(claims, TestTokens.Hs256("old", TestTokens.SecretBase64))).Succeeded.Should().BeTrue();
        validator.Validate(TestTokens.Sign(claims, TestTokens.Hs256("new", newSecret))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_expired_token_is_refused()
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow() - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1));

        Validator().Validate(TestTokens.Sign(claims)).Failure.Should().Be("Token has expired.");
    }

    [Fact]
    public void Validate_token_expired_within_the_clock_skew_is_accepted()
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow() - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(10));

        Validator().Validate(TestTokens.Sign(claims)).Succeeded.Should().BeTrue("30 s of skew are allowed by default");
    }

    [Fact]
    public void Validate_token_not_valid_yet_is_refused()
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims["nbf"] = (_time.GetUtcNow() + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();

        Validator().Validate(TestTokens.Sign(claims)).Failure.Should().Be("Token is not valid yet.");
    }

    [Fact]
    public void Validate_token_without_exp_is_refused()
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims.Remove("exp");

        Validator().Validate(TestTokens.Sign(claims)).Failure.Should().Be("Token has no expiry (exp).");
    }

    [Theory]
    [InlineData("iss", "someone-else", "Token issuer is not accepted.")]
    [InlineData("aud", "another-api", "Token audience is not accepted.")]
    public void Validate_token_for_another_issuer_or_audience_is_refused(string claim, string value, string reason)
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims[claim] = value;

        Validator().Validate(TestTokens.Sign(claims)).Failure.Should().Be(reason);
    }

    [Theory]
    [InlineData(TestTokens.KeyId)]
    [InlineData("unknown-kid")]
    public void Validate_token_signed_with_another_key_is_refused(string keyId)
    {
        var otherKey = TestTokens.Hs256(keyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var check = Validator().Validate(TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()), otherKey));

        check.Failure.Should().Be("Token signature is not valid for any configured key.");
    }

    [Fact]
    public void Validate_token_signed_with_an_algorithm_outside_the_allow_list_is_refused()
    {
        var hs512 = TestTokens.Hs256(TestTokens.KeyId, TestTokens.SecretBase64, SecurityAlgorithms.HmacSha512);

        var check = Validator().Validate(TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()), hs512));

        check.Failure.Should().Be("Token algorithm is not allowed (HS256, RS256, ES256).");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    public void Validate_alg_none_token_is_refused(string alg)
    {
        var signed = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()));
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{alg}}","typ":"JWT"}""");
        var unsigned = $"{header}.{signed.Split('.')[1]}.";

        Validator().Validate(unsigned).Failure.Should().Be("Token is unsigned (alg none).");
    }

    [Fact]
    public void Validate_signed_token_with_its_signature_cut_off_is_refused()
    {
        var signed = TestTokens.Sign(TestTokens.Claims("u1", _time.GetUtcNow()));

        Validator().Validate(signed[..(signed.LastIndexOf('.') + 1)]).Failure.Should().Be("Token has no signature.");
    }

    [Fact]
    public void Validate_encrypted_jwe_token_is_refused_even_when_it_wraps_a_valid_jws()
    {
        var encrypting = new EncryptingCredentials(
            new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SecretBase64)), "dir", SecurityAlgorithms.Aes128CbcHmacSha256);
        var jwe = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            System.Text.Json.JsonSerializer.Serialize(TestTokens.Claims("u1", _time.GetUtcNow())), TestTokens.Credentials, encrypting);

        jwe.Split('.').Should().HaveCount(5);
        Validator().Validate(jwe).Failure.Should().Be("Token is encrypted (JWE); only signed tokens (JWS) are accepted.");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.e30.c2ln")]
    [InlineData("bm90LWpzb24.e30.c2ln")]
    [InlineData("WzFd.e30.c2ln")]
    [InlineData("e30.e30.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln")]
    public void Validate_malformed_token_is_refused(string token)
    {
        var check = Validator().Validate(token);

        check.Succeeded.Should().BeFalse();
        check.Failure.Should().StartWith("Token ");
    }

    [Fact]
    public void Validate_oversized_token_is_refused_before_parsing()
    {
        var claims = TestTokens.Claims("u1", _time.GetUtcNow());
        claims["padding"] = new string('x', BearerTokenValidator.MaxTokenLength);

        Validator().Validate(TestTokens.Sign(claims)).Failure.Should().Be("Token is too long.");
    }

    [Fact]
    public void Validate_token_without_sub_is_refused()
    {
        Validator().Validate(TestTokens.Sign(TestTokens.Claims(null, _time.GetUtcNow()))).Failure.Should().Be("Token has no subject (sub).");
    }

    [Theory]
    [InlineData("scope", "balances:write cashouts:read", new[] { "balances:write", "cashouts:read" })]
    [InlineData("scope", "  balances:write   ", new[] { "balances:write" })]
    [InlineData("scp", "balances:write cashouts:read", new[] { "balances:write", "cashouts:read" })]
    public void Validate_reads_scopes_from_space_separated_scope_or_scp(string claim, string value, string[] expected)
    {
        var claims = TestTokens.Claims("svc", _time.GetUtcNow());
        claims[claim] = value;

        var caller = Validator().Validate(TestTokens.Sign(claims)).Caller!;

        caller.Scopes.Should().BeEquivalentTo(expected);
        caller.HasScope(expected[0]).Should().BeTrue();
        caller.HasScope("payouts:admin").Should().BeFalse();
    }

    [Fact]
    public void Validate_reads_scopes_from_an_scp_array()
    {
        var claims = TestTokens.Claims("svc", _time.GetUtcNow());
        claims["scp"] = new[] { "balances:write", "cashouts:read" };

        Validator().Validate(TestTokens.Sign(claims)).Caller!.Scopes.Should().BeEquivalentTo("balances:write", "cashouts:read");
    }

    private BearerTokenValidator Validator(params SigningKeyOptions[] keys) => new(TestTokens.Options(keys), _time);
}
