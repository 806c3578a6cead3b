using Payouts.Api.Auth;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>The operator's <c>merchant-token create</c>, on a real database file, as the README's walkthrough runs it.</summary>
public sealed class MerchantTokenCommandTests
{
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
    public async Task A_read_only_token_is_made_only_when_asked_for()
    {
        var (exit, stdout, stderr) = await RunAsync("create", "--merchant", "acme", "--read-only", "true");

        exit.Should().Be(0, stderr);
        stdout.Trim().Should().StartWith("tk_test_");
        stderr.Should().Contain("read payouts only");
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await MerchantTokenCommand.RunAsync(_host, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
