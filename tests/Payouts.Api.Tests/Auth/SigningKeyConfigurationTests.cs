using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>Key configuration that could never validate a token stops the service at start-up, saying why.</summary>
public class SigningKeyConfigurationTests
{
    [Fact]
    public void Validator_without_keys_fails_with_how_to_configure_one()
    {
        var create = () => AuthenticationExtensions.ValidationParameters(new AuthSettings { Issuer = TestTokens.Issuer, Audience = TestTokens.Audience });

        create.Should().Throw<OptionsValidationException>().WithMessage("Auth: no token signing key is configured*Auth__Keys__0__KeyId*");
    }

    [Fact]
    public void Payouts_host_in_production_without_keys_does_not_start()
    {
        var build = () => PayoutsHost.Build(
        [
            "--environment=Production",
            "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
        ]);

        build.Should().Throw<OptionsValidationException>().WithMessage("Auth: no token signing key is configured*");
    }

    [Fact]
    public void Validator_with_a_secret_under_256_bits_fails()
    {
        var key = new SigningKeyOptions { KeyId = "weak", SecretBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) };

        Creating(key).Should().Throw<OptionsValidationException>().WithMessage("Auth:Keys:0:SecretBase64 has 128 bits*");
    }

    [Fact]
    public void Validator_with_a_private_key_pem_fails()
    {
        using var rsa = RSA.Create(2048);
        var key = new SigningKeyOptions { KeyId = "leaked", PublicKeyPem = rsa.ExportPkcs8PrivateKeyPem() };

        Creating(key).Should().Throw<OptionsValidationException>().WithMessage("*'PRIVATE KEY'; only public keys*");
    }

    [Fact]
    public void Validator_with_a_p384_key_fails_because_es256_means_p256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = new SigningKeyOptions { KeyId = "p384", PublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem() };

        Creating(key).Should().Throw<OptionsValidationException>().WithMessage("*ES256 needs P-256*");
    }

    [Theory]
    [InlineData(null, "c2VjcmV0", null, "Auth:Keys:0:KeyId is required*")]
    [InlineData("k", null, null, "Auth:Keys:0 needs exactly one of*")]
    [InlineData("k", "c2VjcmV0", "-----BEGIN PUBLIC KEY-----", "Auth:Keys:0 needs exactly one of*")]
    [InlineData("k", "not base64!", null, "Auth:Keys:0:SecretBase64 is not valid base64.")]
    [InlineData("k", null, "not pem", "Auth:Keys:0:PublicKeyPem is not PEM*")]
    public void Validator_with_an_incomplete_key_names_the_setting(string? keyId, string? secret, string? pem, string message)
    {
        Creating(new SigningKeyOptions { KeyId = keyId, SecretBase64 = secret, PublicKeyPem = pem })
            .Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public void Validator_with_two_keys_of_one_kid_fails()
    {
        var key = new SigningKeyOptions { KeyId = "same", SecretBase64 = TestTokens.SecretBase64 };

        Creating(key, key).Should().Throw<OptionsValidationException>().WithMessage("*'same' is used by another key*");
    }

    private static Func<object> Creating(params SigningKeyOptions[] keys) =>
        () => AuthenticationExtensions.ValidationParameters(TestTokens.Settings(keys));
}
