using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// One service process owns a SQLite file: a second one on the same file would serve and dispatch the same payouts
/// and mint the same ids. It refuses to start, saying why, and the first goes on serving.
/// </summary>
public sealed class DatabaseOwnerTests
{
    [Fact]
    public async Task A_second_service_on_the_same_file_refuses_to_start_and_the_first_keeps_serving()
    {
        var database = TestDatabase.NewPath();
        using var first = await ServiceProcess.StartAsync(database);

        var second = await ServiceProcess.RunUntilExitAsync(database, TimeSpan.FromSeconds(60));

        second.ExitCode.Should().Be(1, second.ToString());
        second.StandardError.Should().Contain($"Another process is already serving the database {database}").And.Contain("Database:Path");
        second.StandardError.Should().NotContain("   at ", "an operator's mistake is not a crash: no stack trace");
        using var grpc = new GrpcCall(first.Port);
        var balance = await grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For("alice"));
        balance.Status.Should().Be(0, balance.Message);
    }

    [Fact]
    public async Task A_killed_owner_leaves_the_file_free_for_the_next_start()
    {
        var database = TestDatabase.NewPath();
        using (var crashed = await ServiceProcess.StartAsync(database))
        {
            crashed.Kill();
        }

        using var next = await ServiceProcess.StartAsync(database);
        using var grpc = new GrpcCall(next.Port);
        (await grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For("alice"))).Status.Should().Be(0);
    }
}
