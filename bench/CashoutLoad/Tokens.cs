using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// HS256 tokens like tests/Payouts.Api.Tests/Infrastructure/TestTokens.cs mints: kid, iss "payouts",
/// aud "payouts-api", sub, iat/nbf/exp, and scope for service tokens. The server is started with the
/// same key (--Auth:Keys:0:KeyId / SecretBase64).
/// </summary>
internal sealed class Tokens(string keyId, string secretBase64, string issuer = "payouts", string audience = "payouts-api")
{
    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(Convert.FromBase64String(secretBase64)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>"Bearer &lt;jwt&gt;", valid for <paramref name="lifetime"/>.</summary>
    public string Bearer(string sub, TimeSpan lifetime, string? scope = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = sub,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        return "Bearer " + _handler.CreateToken(JsonSerializer.Serialize(claims), _credentials);
    }
}
