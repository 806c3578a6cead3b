using Payouts.Api.Tests.Infrastructure;
using Payouts.Cli;

namespace Payouts.Api.Tests.Cli;

/// <summary>The operator's <c>merchant-token create</c>, on a real database file, as the README's walkthrough runs it.</summary>
public sealed class MerchantTokenCommandTests
{
#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private readonly string[] _host = [$"--Database:Path={TestDatabase.NewPath()}"];

    [Fact]
    public async Task Create_without_a_permission_refuses_rather_than_make_a_token_that_cannot_pay()
    {
        var (exit, stdout, stderr) = await RunAsync("create", "--merchant", "acme");

        exit.Should().NotBe(0);
        stdout.Should().BeEmpty("no token was made");
        stderr.Should().Contain("--permission payout").And.Contain("--read-only true");
    }

    [Fact]
    public async Task Create_with_payout_permission_prints_the_token_alone_and_says_what_it_may_do()
    {
        var (exit, stdout, stderr) = await RunAsync("create", "--merchant", "acme", "--permission", "payout");

        exit.Should().Be(0, stderr);
        stdout.Trim().Should().StartWith("tk_test_").And.NotContain(" ");
        stderr.Should().Contain("permissions: payout");
    }

    [Fact]
    public async Task The_cli_run_by_dotnet_run_takes_host_arguments_before_the_command_and_prints_only_the_token()
    {
        var database = TestDatabase.NewPath();

        var result = await ExternalProcess.RunAsync(
            "dotnet",
            ["run", "--project", "src/Cli", "--no-build", "-c", BuildConfiguration, "--",
             $"--Database:Path={database}", "merchant-token", "create", "--merchant", "acme", "--permission", "payout"],
            TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Trim().Should().StartWith("tk_test_").And.NotContain("\n", result.ToString());
        File.Exists(database).Should().BeTrue("the token is stored in the database the host arguments name");
    }

    [Fact]
    public async Task A_read_only_token_is_made_only_when_asked_for()
    {
        var (exit, stdout, stderr) = await RunAsync("create", "--merchant", "acme", "--read-only", "true");

        exit.Should().Be(0, stderr);
        stdout.Trim().Should().StartWith("tk_test_");
        stderr.Should().Contain("read payouts only");
    }

    [Fact]
    public async Task On_PostgreSQL_it_makes_a_token_in_the_database_the_service_reads()
    {
        using var database = new TestPostgreSql();

        var (exit, stdout, stderr) = await RunAsync([.. database.Settings], "create", "--merchant", "acme", "--permission", "payout");

        exit.Should().Be(0, stderr);
        stdout.Trim().Should().StartWith("tk_test_");
        (await database.QueryAsync("""SELECT count(*) FROM "MerchantTokens" WHERE "MerchantId" = 'acme'""", r => r.Read() ? r.GetInt64(0) : 0)).Should().Be(1);
    }

    [Fact]
    public async Task On_a_PostgreSQL_that_cannot_be_reached_it_says_which()
    {
        var (exit, stdout, stderr) = await RunAsync(
            [.. _host, "--Database:Provider=PostgreSQL", $"--ConnectionStrings:Payouts=Host=127.0.0.1;Port={FreePorts.Next()};Database=payouts"],
            "create", "--merchant", "acme", "--permission", "payout");

        exit.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("merchant-token: PostgreSQL at 127.0.0.1:");
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(_host, args);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] host, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await MerchantTokenCommand.RunAsync(host, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
