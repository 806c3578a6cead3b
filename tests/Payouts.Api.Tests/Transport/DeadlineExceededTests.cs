using System.Diagnostics;
using Payouts.Api.Tests.Infrastructure;

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

        var response = await CallPastDeadlineAsync(host, "sleep", header);

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

        var response = await CallPastDeadlineAsync(host, "sleep-inline", header);

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

    /// <summary>
    /// The server writes DEADLINE_EXCEEDED and then resets the stream with CANCEL, as grpc-dotnet does (GRPC.md 1.6).
    /// With a deadline of a nanosecond the reset can reach HttpClient before it has read the trailers; a real gRPC
    /// client then reports DEADLINE_EXCEEDED from its own timer. That race says nothing about the server, so the
    /// call is repeated, a few times at most, until the trailers are read.
    /// </summary>
    private static async Task<GrpcResponse> CallPastDeadlineAsync(ProbeHost host, string mode, string header)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode(mode)), ("grpc-timeout", header))
                    .WaitAsync(ProbeCalls.Patience);
            }
            catch (HttpRequestException ex) when (attempt < 5 && ex.InnerException is HttpProtocolException { ErrorCode: 8 })
            {
            }
        }
    }
}
