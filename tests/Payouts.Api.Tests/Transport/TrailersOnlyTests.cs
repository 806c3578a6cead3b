using System.Net;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>Where the status travels: Trailers-Only before any message, real trailers after one.</summary>
public class TrailersOnlyTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    [Fact]
    public async Task Error_before_any_message_is_a_single_headers_frame()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Failing(5, "no such payout"))).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.Headers["content-type"].Should().Be("application/grpc");
        response.IsTrailersOnly.Should().BeTrue();
        response.Headers["grpc-status"].Should().Be("5");
        response.Headers["grpc-message"].Should().Be("no such payout");
        response.Trailers.Should().BeEmpty();
        response.Body.Should().BeEmpty();
    }

    [Fact]
    public async Task Status_after_a_message_goes_in_real_trailers()
    {
        var response = await host.Client.CallAsync(ProbeCalls.StreamingOutputCall, ProbeCalls.Framed(new StreamingOutputCallRequest())).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.IsTrailersOnly.Should().BeFalse();
        response.Messages().Should().ContainSingle().Which.Flag.Should().Be(0);
        response.Headers.Should().NotContainKey("grpc-status");
        response.Headers.Should().NotContainKey("grpc-message");
        response.Trailers["grpc-status"].Should().Be("10");
        response.Trailers["grpc-message"].Should().Be("after one message");
    }

    [Fact]
    public async Task Successful_unary_sends_status_0_in_trailers_not_headers()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Echo(4))).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.Headers["content-type"].Should().Be("application/grpc");
        response.Headers.Should().NotContainKey("grpc-status");
        response.Trailers["grpc-status"].Should().Be("0");
        response.Trailers.Should().NotContainKey("grpc-message");
        response.Headers.Should().NotContainKey("grpc-message");
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(4);
    }

    [Fact]
    public async Task Successful_empty_call_sends_zero_length_message_and_status_0()
    {
        var response = await host.Client.CallAsync(ProbeCalls.EmptyCall, RawGrpcClient.Frame(new Empty())).WaitAsync(ProbeCalls.Patience);

        response.Body.Should().Equal(0, 0, 0, 0, 0);
        response.Trailers["grpc-status"].Should().Be("0");
    }
}
