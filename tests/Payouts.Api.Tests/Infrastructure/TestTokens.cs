using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Auth;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// Bearer tokens for tests, signed with a per-run HS256 test key that <see cref="TestHosts"/> configures
/// (tests run in Production, where appsettings.json has no key and the service refuses to start without one).
/// </summary>
public static class TestTokens
{
    public const string Issuer = "payouts";
    public const string Audience = "payouts-api";
    public const string KeyId = "test-key";

    public static readonly string SecretBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static SigningCredentials Credentials { get; } = Hs256(KeyId, SecretBase64);

    /// <summary>The HMAC key that signs link states in test hosts.</summary>
    public static readonly string LinkStateKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string[] ConfigurationArguments => [$"--Auth:Keys:0:KeyId={KeyId}", $"--Auth:Keys:0:SecretBase64={SecretBase64}"];

    /// <summary>An "Auth" section like the service's, with the test key, for hosts built by hand.</summary>
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:Keys:0:KeyId"] = KeyId,
            ["Auth:Keys:0:SecretBase64"] = SecretBase64,
        })
        .Build();

    /// <summary>Auth settings with the test key, or with <paramref name="keys"/> instead.</summary>
    public static AuthSettings Settings(params SigningKeyOptions[] keys)
    {
        var options = new AuthSettings { Issuer = Issuer, Audience = Audience };
        foreach (var key in keys.Length > 0 ? keys : [new SigningKeyOptions { KeyId = KeyId, SecretBase64 = SecretBase64 }])
        {
            options.Keys.Add(key);
        }

        return options;
    }

    /// <summary>A valid token for an hour.</summary>
    public static string For(string sub, params string[] scopes) => Sign(Claims(sub, DateTimeOffset.UtcNow, scopes));

    /// <summary>iss, aud, sub, iat, nbf, exp (now + <paramref name="lifetime"/>, one hour by default) and scope when given.</summary>
    public static Dictionary<string, object> Claims(string? sub, DateTimeOffset now, IEnumerable<string>? scopes = null, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        };
        if (sub is not null)
        {
            claims["sub"] = sub;
        }

        if (scopes?.ToList() is { Count: > 0 } list)
        {
            claims["scope"] = string.Join(' ', list);
        }

        return claims;
    }

    /// <summary>Signs exactly these claims (no defaults added) with the test key or <paramref name="credentials"/>.</summary>
    public static string Sign(IDictionary<string, object> claims, SigningCredentials? credentials = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(JsonSerializer.Serialize(claims), credentials ?? Credentials);

    public static SigningCredentials Hs256(string keyId, string secretBase64, string algorithm = SecurityAlgorithms.HmacSha256) =>
        new(new SymmetricSecurityKey(Convert.FromBase64String(secretBase64)) { KeyId = keyId }, algorithm);
}
