using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Cli;

/// <summary>
/// <c>dev-token --sub &lt;user&gt; [--scope &lt;scope&gt;]... [--ttl &lt;minutes&gt;]</c>: prints a token signed with
/// the development key and nothing else on stdout, so <c>$(dotnet run --project src/Cli -- dev-token ...)</c>
/// works in scripts. It reads only the service's appsettings.json and appsettings.Development.json, copied beside
/// the program, whatever ASPNETCORE_ENVIRONMENT says, so it can never sign with a production key. No host is built:
/// a token costs the start of the process and one signature.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "dev-token";
    public const int UsageError = 2;

    private const string Usage = "usage: dev-token --sub <user> [--scope <scope>]... [--ttl <minutes>]";
    private const int MaxTtlMinutes = 24 * 60;

    public static IConfiguration DevelopmentConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile("appsettings.Development.json", optional: true)
        .Build();

    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, out var sub, out var scopes, out var ttl, out var problem))
        {
            stderr.WriteLine($"dev-token: {problem}\n{Usage}");
            return UsageError;
        }

        // The service's "Auth" section (its AuthSettings, which the CLI does not reference): issuer, audience, keys.
        var auth = configuration.GetSection("Auth");
        if (auth.GetSection("Keys").GetChildren().FirstOrDefault(k => !string.IsNullOrWhiteSpace(k["SecretBase64"]) && !string.IsNullOrWhiteSpace(k["KeyId"])) is not { } key)
        {
            stderr.WriteLine("dev-token: no development signing key is configured (Auth:Keys with KeyId and SecretBase64 in appsettings.Development.json).");
            return UsageError;
        }

        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = auth["Issuer"] ?? "",
            ["aud"] = auth["Audience"] ?? "",
            ["sub"] = sub,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + ttl).ToUnixTimeSeconds(),
        };
        if (scopes.Count > 0)
        {
            payload["scope"] = string.Join(' ', scopes);
        }

        var signingKey = new SymmetricSecurityKey(Convert.FromBase64String(key["SecretBase64"]!)) { KeyId = key["KeyId"] };
        stdout.WriteLine(new JsonWebTokenHandler().CreateToken(
            JsonSerializer.Serialize(payload), new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256)));
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> args, out string sub, out List<string> scopes, out TimeSpan ttl, out string problem)
    {
        (sub, scopes, ttl, problem) = ("", [], TimeSpan.FromMinutes(60), "");
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (string.IsNullOrWhiteSpace(value) || value.Contains(' ', StringComparison.Ordinal))
            {
                problem = $"{args[i]} needs a value without spaces.";
                return false;
            }

            switch (args[i])
            {
                case "--sub" when sub.Length == 0:
                    sub = value;
                    break;
                case "--scope":
                    scopes.Add(value);
                    break;
                case "--ttl" when int.TryParse(value, out var minutes) && minutes is > 0 and <= MaxTtlMinutes:
                    ttl = TimeSpan.FromMinutes(minutes);
                    break;
                default:
                    problem = $"unexpected '{args[i]} {value}' (--sub once; --ttl minutes from 1 to {MaxTtlMinutes}).";
                    return false;
            }
        }

        problem = sub.Length == 0 ? "--sub is required." : "";
        return sub.Length > 0;
    }
}
