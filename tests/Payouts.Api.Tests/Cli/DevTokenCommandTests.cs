using Microsoft.Extensions.Configuration;
using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Cli;

namespace Payouts.Api.Tests.Cli;

public class DevTokenCommandTests
{
#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    [Fact]
    public async Task DevToken_prints_one_line_holding_a_token_the_development_key_validates()
    {
        // The README's command as it is (plus --no-build and the configuration this test was built in).
        var result = await ExternalProcess.RunAsync(
            "dotnet",
            ["run", "--project", "src/Cli", "--no-build", "-c", BuildConfiguration, "--",
             "dev-token", "--sub", "u1", "--scope", "balances:write"],
            TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(result.ToString());
        var check = await ValidateAsync(lines[0].TrimEnd('\r'), DevelopmentSettings());
        check.IsValid.Should().BeTrue(check.Exception?.Message);
        check.Claims["sub"].Should().Be("u1");
        check.Claims["scope"].Should().Be("balances:write");
    }

    [Fact]
    public void DevToken_without_a_development_key_exits_2_and_says_why_on_stderr()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = DevTokenCommand.Run(["--sub", "u1"], new ConfigurationBuilder().Build(), stdout, stderr);

        exit.Should().Be(2);
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Should().Contain("no development signing key");
    }

    [Theory]
    [InlineData]
    [InlineData("--scope", "a")]
    [InlineData("--sub")]
    [InlineData("--sub", "u1", "--sub", "u2")]
    [InlineData("--sub", "u1", "--ttl", "0")]
    [InlineData("--sub", "u1", "--verbose", "yes")]
    public void DevToken_with_bad_arguments_exits_2_with_usage(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = DevTokenCommand.Run(args, TestTokens.Configuration(), stdout, stderr);

        exit.Should().Be(2);
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Should().Contain("usage: dev-token --sub <user>");
    }

    [Fact]
    public async Task DevToken_with_ttl_sets_exp_that_many_minutes_ahead()
    {
        using var stdout = new StringWriter();
        var before = DateTimeOffset.UtcNow;

        DevTokenCommand.Run(["--sub", "u1", "--ttl", "5"], TestTokens.Configuration(), stdout, TextWriter.Null).Should().Be(0);

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(stdout.ToString().Trim());
        token.ValidTo.Should().BeCloseTo(before.UtcDateTime.AddMinutes(5), TimeSpan.FromSeconds(5));
        (await ValidateAsync(token.EncodedToken, TestTokens.Settings())).IsValid.Should().BeTrue();
    }

    /// <summary>Validated with exactly the parameters the service gives JwtBearer.</summary>
    private static Task<Microsoft.IdentityModel.Tokens.TokenValidationResult> ValidateAsync(string token, AuthSettings settings) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, AuthenticationExtensions.ValidationParameters(settings));

    private static AuthSettings DevelopmentSettings()
    {
        var api = Path.Combine(RepositoryRoot.Path, "src", "Api");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(api, "appsettings.json"))
            .AddJsonFile(Path.Combine(api, "appsettings.Development.json"))
            .Build();
        return configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>()!;
    }
}
