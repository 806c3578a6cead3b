using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// Which JWTs the real service accepts, end to end over gRPC on a user RPC (GetBalance): what the home-made
/// validator accepted and refused before JwtBearer took over, each refusal as UNAUTHENTICATED "User not authenticated".
/// </summary>
public sealed class JwtValidationTests(AuthHostFixture host) : IClassFixture<AuthHostFixture>
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS256-rotated")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task A_token_signed_with_a_configured_key_and_allowed_algorithm_makes_its_sub_the_caller(string signer)
    {
        var user = $"alg-{signer}";
        await CreditAsync(user, 123);
        var credentials = signer switch
        {
            "HS256" => TestTokens.Credentials,
            "HS256-rotated" => host.Rotated,
            "RS256" => host.Rs256,
            _ => host.Es256,
        };

        var balance = await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims(user, Now), credentials));

        balance.Status.Should().Be(0, balance.Message);
        balance.Response!.Available.Should().Be(123, "the balance read is the token's sub's");
    }

    [Fact]
    public async Task Two_keys_are_trusted_at_once_so_the_issuer_can_rotate_by_kid()
    {
        var claims = TestTokens.Claims("rotating-user", Now);

        var old = await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims, TestTokens.Credentials));
        var rotated = await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims, host.Rotated));

        (old.Status, rotated.Status).Should().Be((0, 0), $"{old.Message} / {rotated.Message}");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var claims = TestTokens.Claims("u1", Now - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1));

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims)));
    }

    [Fact]
    public async Task A_token_expired_within_the_30_second_clock_skew_is_accepted()
    {
        var claims = TestTokens.Claims("u1", Now - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(10));

        var balance = await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims));

        balance.Status.Should().Be(0, balance.Message);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_30_second_skew_is_refused_although_JwtBearer_alone_would_allow_five_minutes()
    {
        var claims = TestTokens.Claims("u1", Now - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(90));

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims)));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_refused()
    {
        var claims = TestTokens.Claims("u1", Now);
        claims["nbf"] = (Now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims)));
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        var claims = TestTokens.Claims("u1", Now);
        claims.Remove("exp");

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims)));
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("aud", "another-api")]
    [InlineData("iss", null)]
    [InlineData("aud", null)]
    public async Task A_token_for_another_or_no_issuer_or_audience_is_refused(string claim, string? value)
    {
        var claims = TestTokens.Claims("u1", Now);
        if (value is null)
        {
            claims.Remove(claim);
        }
        else
        {
            claims[claim] = value;
        }

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(claims)));
    }

    [Theory]
    [InlineData(TestTokens.KeyId)]
    [InlineData(AuthHostFixture.RotatedKeyId)]
    [InlineData("unknown-kid")]
    public async Task A_token_signed_with_a_key_the_service_does_not_trust_is_refused(string keyId)
    {
        var forged = TestTokens.Hs256(keyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims("u1", Now), forged)));
    }

    [Fact]
    public async Task A_token_signed_by_a_trusted_key_under_a_kid_the_service_does_not_know_is_refused()
    {
        var retired = TestTokens.Hs256("retired-kid", TestTokens.SecretBase64);

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims("u1", Now), retired)));
    }

    [Fact]
    public async Task A_token_signed_by_one_trusted_key_under_another_trusted_keys_kid_is_refused()
    {
        var mislabelled = TestTokens.Hs256(TestTokens.KeyId, host.RotatedSecretBase64);

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims("u1", Now), mislabelled)));
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_RSA_public_key_is_refused()
    {
        // The classic algorithm confusion: the public key is public, so HMAC with it must never verify.
        var confused = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(host.RsaPublicKeyPem)) { KeyId = AuthHostFixture.RsaKeyId }, SecurityAlgorithms.HmacSha256);

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims("u1", Now), confused)));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    public async Task A_token_signed_by_a_trusted_key_with_an_algorithm_outside_the_allow_list_is_refused(string algorithm)
    {
        var claims = TestTokens.Claims("u1", Now);
        var token = algorithm.StartsWith("HS", StringComparison.Ordinal)
            ? HmacSigned(claims, algorithm, Convert.FromBase64String(TestTokens.SecretBase64))
            : TestTokens.Sign(claims, new SigningCredentials(host.Rs256.Key, algorithm));

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(token));
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("None", false)]
    [InlineData("NONE", false)]
    [InlineData("nOnE", false)]
    [InlineData("none", true)]
    [InlineData("None", true)]
    public async Task An_alg_none_token_is_refused_in_any_case_with_or_without_a_signature(string alg, bool keepSignature)
    {
        var signed = TestTokens.Sign(TestTokens.Claims("u1", Now)).Split('.');
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{alg}}","typ":"JWT","kid":"{{TestTokens.KeyId}}"}""");

        var token = $"{header}.{signed[1]}.{(keepSignature ? signed[2] : "")}";

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(token));
    }

    [Fact]
    public async Task A_signed_token_with_its_signature_cut_off_is_refused()
    {
        var signed = TestTokens.Sign(TestTokens.Claims("u1", Now));

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(signed[..(signed.LastIndexOf('.') + 1)]));
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(signed[..signed.LastIndexOf('.')]));
    }

    [Fact]
    public async Task A_JWE_is_refused_even_when_it_wraps_a_valid_JWS_and_is_keyed_with_a_trusted_secret()
    {
        var encrypting = new EncryptingCredentials(
            new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SecretBase64)) { KeyId = TestTokens.KeyId }, "dir", SecurityAlgorithms.Aes128CbcHmacSha256);
        var jwe = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            JsonSerializer.Serialize(TestTokens.Claims("u1", Now)), TestTokens.Credentials, encrypting);

        jwe.Split('.').Should().HaveCount(5, "this is a compact JWE");
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(jwe));
    }

    [Fact]
    public async Task A_JWE_encrypted_to_a_trusted_RSA_public_key_is_refused()
    {
        var encrypting = new EncryptingCredentials(host.Rs256.Key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes128CbcHmacSha256);
        var jwe = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            JsonSerializer.Serialize(TestTokens.Claims("u1", Now)), host.Rs256, encrypting);

        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(jwe));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData("!!!.e30.c2ln")]
    [InlineData("bm90LWpzb24.e30.c2ln")]
    [InlineData("WzFd.e30.c2ln")]
    [InlineData("e30.e30.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    [InlineData("..")]
    public async Task A_malformed_token_is_refused(string token)
    {
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(token));
    }

    [Fact]
    public async Task A_token_up_to_8_KiB_is_accepted_and_a_longer_one_refused()
    {
        // The home-made validator's limit, pinned here rather than read from the service's constant.
        var fits = PaddedToken(maxLength: 8 * 1024);
        var tooLong = PaddedToken(maxLength: (8 * 1024) + 4, minLength: (8 * 1024) + 1);

        var accepted = await host.GetBalanceWithTokenAsync(fits);

        accepted.Status.Should().Be(0, $"a {fits.Length}-character token is within the limit: {accepted.Message}");
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(tooLong));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_token_without_a_subject_authenticates_no_caller(string? sub)
    {
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(TestTokens.Sign(TestTokens.Claims(sub, Now))));
    }

    [Theory]
    [InlineData("scope", "balances:write")]
    [InlineData("scope", "cashouts:read balances:write")]
    [InlineData("scope", "  balances:write   ")]
    [InlineData("scp", "balances:write")]
    [InlineData("scp", "cashouts:read balances:write")]
    [InlineData("scp", new[] { "cashouts:read", "balances:write" })]
    public async Task CreditBalance_accepts_its_scope_from_scope_or_scp_as_a_string_or_an_array(string claim, object value)
    {
        var claims = TestTokens.Claims("svc-scoped", Now);
        claims[claim] = value;

        var credit = await CreditAsync("scoped-user", 1, TestTokens.Sign(claims));

        credit.Status.Should().Be(0, credit.Message);
    }

    [Theory]
    [InlineData("scope", null)]
    [InlineData("scope", "cashouts:read")]
    [InlineData("scope", "balances:write:extra")]
    [InlineData("scope", "BALANCES:WRITE")]
    [InlineData("scope", "balances:read,balances:write")]
    [InlineData("scp", new[] { "cashouts:read" })]
    public async Task CreditBalance_without_its_exact_scope_is_permission_denied(string claim, object? value)
    {
        var claims = TestTokens.Claims("svc-unscoped", Now);
        if (value is not null)
        {
            claims[claim] = value;
        }

        var credit = await CreditAsync("scoped-user", 1, TestTokens.Sign(claims));

        credit.Status.Should().Be(7, credit.Message);
        credit.Message.Should().Be("Missing scope 'balances:write'.");
    }

    internal static void AssertUnauthenticated<T>(UnaryResult<T> result)
    {
        result.Status.Should().Be(16, result.Message);
        result.Message.Should().Be("User not authenticated", "callers match on the legacy text, and a bare HTTP 401 would read differently");
    }

    private Task<UnaryResult<CreditBalanceResponse>> CreditAsync(string user, long amount, string? token = null) =>
        host.Grpc.UnaryAsync<CreditBalanceResponse>(
            AuthHostFixture.CreditBalance,
            new CreditBalanceRequest { UserId = user, Amount = amount, Currency = "USD", Reference = $"ref-{Guid.NewGuid():N}" },
            token ?? TestTokens.For("svc-earnings", "balances:write"));

    /// <summary>
    /// Signed by hand: IdentityModel will not sign HS384/HS512 with a 256-bit secret, but an attacker holding a token
    /// can still send one, and the service must refuse it for its algorithm.
    /// </summary>
    private static string HmacSigned(IDictionary<string, object> claims, string algorithm, byte[] secret)
    {
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{algorithm}}","kid":"{{TestTokens.KeyId}}","typ":"JWT"}""");
        var input = $"{header}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}";
        var data = Encoding.ASCII.GetBytes(input);
        var signature = algorithm == SecurityAlgorithms.HmacSha384 ? HMACSHA384.HashData(secret, data) : HMACSHA512.HashData(secret, data);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A valid token padded to the longest length within [minLength, maxLength] that base64url allows.</summary>
    private static string PaddedToken(int maxLength, int minLength = 0)
    {
        var claims = TestTokens.Claims("padded-user", Now);
        claims["padding"] = "";
        var unpadded = TestTokens.Sign(claims).Length;

        // Each padding character adds 4/3 of a character to the payload: start just above the target and walk down.
        for (var padding = ((maxLength - unpadded) * 3 / 4) + 8; padding > 0; padding--)
        {
            claims["padding"] = new string('x', padding);
            var token = TestTokens.Sign(claims);
            if (token.Length < minLength)
            {
                break;
            }

            if (token.Length <= maxLength)
            {
                return token;
            }
        }

        throw new InvalidOperationException($"no padding gives a token of {minLength} to {maxLength} characters");
    }
}
