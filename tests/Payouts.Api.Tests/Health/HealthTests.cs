using System.Text.Json;
using Microsoft.Data.Sqlite;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Health;

/// <summary>grpc.health.v1 on the real service, through Debian's grpcio client, as probes and load balancers call it.</summary>
public class HealthTests
{
    [Theory]
    [InlineData("")]
    [InlineData("payouts.v1.CashoutService")]
    [InlineData("payouts.v1.LinkService")]
    [InlineData("payouts.v1.PayoutService")]
    [InlineData("grpc.reflection.v1.ServerReflection")]
    public async Task Check_reports_the_whole_server_and_each_served_service(string service)
    {
        await using var host = await TestHosts.StartPayoutsAsync();

        var report = await HealthClientAsync(host.Port, service, "--check");

        report.GetProperty("code").GetString().Should().Be("OK");
        report.GetProperty("status").GetString().Should().Be("SERVING");
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_not_found()
    {
        await using var host = await TestHosts.StartPayoutsAsync();

        var report = await HealthClientAsync(host.Port, "no.such.Service", "--check");

        report.GetProperty("code").GetString().Should().Be("NOT_FOUND");
    }

    [Fact]
    public async Task A_database_that_cannot_be_read_makes_the_service_not_serving()
    {
        var path = TestDatabase.NewPath();
        await using var host = await TestHosts.StartPayoutsAsync($"--Database:Path={path}");

        // The file goes away under the running service; pooled connections would still hold the old one.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }

        // The check answers from a one-second memory (DatabaseHealthCheck), so a check made just before the delete may
        // still say SERVING: within a few seconds it must not.
        var status = "";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do
        {
            status = (await HealthClientAsync(host.Port, "", "--check")).GetProperty("status").GetString();
        }
        while (status != "NOT_SERVING" && DateTime.UtcNow < deadline);

        status.Should().Be("NOT_SERVING");
    }

    [Fact]
    public async Task On_PostgreSQL_the_check_reports_whether_the_database_can_be_used()
    {
        using var database = new TestPostgreSql();
        await using var host = await TestHosts.StartPayoutsAsync(database.Settings);
        (await StatusAsync(host.Port)).Should().Be("SERVING");

        database.AllowConnections(false);
        (await StatusWithinAsync(host.Port, "NOT_SERVING")).Should().Be("NOT_SERVING", "a replica that cannot reach the database takes no traffic");
        database.AllowConnections(true);
        (await StatusWithinAsync(host.Port, "SERVING")).Should().Be("SERVING", "and takes it again once it can");
    }

    /// <summary>The check answers from a one-second memory (DatabaseHealthCheck): a change shows within a few seconds.</summary>
    private static async Task<string?> StatusWithinAsync(int port, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? status;
        do
        {
            status = await StatusAsync(port);
        }
        while (status != expected && DateTime.UtcNow < deadline);

        return status;
    }

    private static async Task<string?> StatusAsync(int port) => (await HealthClientAsync(port, "", "--check")).GetProperty("status").GetString();

    [Fact]
    public async Task While_shutting_down_it_reports_not_serving_and_still_answers_calls_for_the_drain_delay()
    {
        await using var host = await TestHosts.StartPayoutsAsync("--Shutdown:DrainDelay=00:00:03");
        using var grpc = new GrpcCall(host.Port);

        var stopping = host.App.StopAsync();
        var during = await HealthClientAsync(host.Port, "", "--check");
        var call = await grpc.UnaryAsync<GetBalanceResponse>("/payouts.v1.CashoutService/GetBalance", new GetBalanceRequest(), TestTokens.For("u1"));

        during.GetProperty("status").GetString().Should().Be("NOT_SERVING", "load balancers must stop sending before the listeners close");
        call.Status.Should().Be(0, "calls that still arrive during the drain are served: {0}", call.Message);
        stopping.IsCompleted.Should().BeFalse("the drain keeps the server up for its delay");
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<JsonElement> HealthClientAsync(int port, string service, params string[] mode)
    {
        var result = await ExternalProcess.RunAsync(
            ExternalProcess.DebianPython,
            ["tests/Interop/clients/python/health_client.py", $"--server_port={port}", $"--service={service}", .. mode],
            TimeSpan.FromSeconds(60));
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }
}
