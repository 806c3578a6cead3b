using System.Diagnostics;

namespace Payouts.Api.Tests.Transport;

/// <summary>A handler still running at its deadline: DEADLINE_EXCEEDED goes out and its token is cancelled.</summary>
public class DeadlineExceededTests
{
    [Theory]
    [InlineData("1n")]
    [InlineData("1u")]
    [InlineData("0m")]
    [InlineData("1m")]
    [InlineData("100m")]
    public async Task Sleeping_call_past_a_short_timeout_is_deadline_exceeded(string header)
    {
        await using var host = await ProbeHost.StartAsync();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("sleep")), ("grpc-timeout", header)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(4);
        response.Message.Should().Be("Deadline Exceeded");
        response.Headers["content-type"].Should().Be("application/grpc");
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("1n")]
    [InlineData("100m")]
    public async Task Handler_resuming_inline_on_cancellation_still_gets_deadline_exceeded(string header)
    {
        await using var host = await ProbeHost.StartAsync();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("sleep-inline")), ("grpc-timeout", header)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(4);
        response.Message.Should().Be("Deadline Exceeded");
    }

    [Theory]
    [InlineData("100m")]
    [InlineData("1S")]
    public async Task Sleeping_call_past_its_deadline_has_its_token_cancelled(string header)
    {
        await using var host = await ProbeHost.StartAsync();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("sleep")), ("grpc-timeout", header)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(4);
        (await host.Probe.SleeperStarted.WaitAsync(ProbeCalls.Patience)).Should().BeTrue();
        (await host.Probe.SleeperCancelled.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task One_second_timeout_is_not_cut_short()
    {
        await using var host = await ProbeHost.StartAsync();
        var clock = Stopwatch.StartNew();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("sleep")), ("grpc-timeout", "1S")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(4);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }
}
