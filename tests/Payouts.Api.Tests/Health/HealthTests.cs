using System.Text.Json;
using Payouts.Api.Grpc.Health;
using Payouts.Api.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Payouts.Api.Tests.Health;

/// <summary>grpc.health.v1 through Debian's grpcio client.</summary>
public class HealthTests
{
    [Theory]
    [InlineData("", "SERVING")]
    [InlineData("payouts.v1.CashoutService", "SERVING")]
    [InlineData("grpc.reflection.v1.ServerReflection", "SERVING")]
    public async Task Check_reports_served_services_and_the_whole_server(string service, string expected)
    {
        await using var host = await TestHosts.StartPayoutsAsync();

        var report = await HealthClientAsync(host.Port, service, "--check");

        report.GetProperty("code").GetString().Should().Be("OK");
        report.GetProperty("status").GetString().Should().Be(expected);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_not_found()
    {
        await using var host = await TestHosts.StartPayoutsAsync();

        var report = await HealthClientAsync(host.Port, "no.such.Service", "--check");

        report.GetProperty("code").GetString().Should().Be("NOT_FOUND");
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_each_change()
    {
        await using var host = await TestHosts.StartGrpcAsync(_ => { });
        var registry = host.App.Services.GetRequiredService<HealthStatusRegistry>();
        registry.Set("billing", ServingStatus.Serving);

        var watch = HealthClientAsync(host.Port, "billing", "--watch", "--updates=3", "--timeout=20");
        await Task.Delay(TimeSpan.FromSeconds(1));
        registry.Set("billing", ServingStatus.NotServing);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        registry.Set("billing", ServingStatus.Serving);
        var report = await watch;

        report.GetProperty("statuses").EnumerateArray().Select(s => s.GetString())
            .Should().Equal("SERVING", "NOT_SERVING", "SERVING");
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_service_unknown_and_stays_open()
    {
        await using var host = await TestHosts.StartGrpcAsync(_ => { });

        var report = await HealthClientAsync(host.Port, "later.Service", "--watch", "--updates=2", "--timeout=2");

        report.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()).Should().Equal("SERVICE_UNKNOWN");
        report.GetProperty("ended_by").GetString().Should().Be("timeout", "the server never ends a watch by itself");
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
