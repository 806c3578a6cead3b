using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>The Length-Prefixed-Message reader: cardinality, truncation and unparsable payloads.</summary>
public class FramingTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly byte[] OneMessage = RawGrpcClient.Frame(ProbeCalls.Echo(3));

    [Fact]
    public async Task Unary_with_empty_body_is_unimplemented_with_none_received()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, []).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(12);
        response.Message.Should().Be("Expected exactly one request message, received none.");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Unary_with_truncated_prefix_is_internal_incomplete_message(int prefixBytes)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, OneMessage[..prefixBytes]).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Incomplete message.");
    }

    [Fact]
    public async Task Unary_with_truncated_payload_is_internal_incomplete_message()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, OneMessage[..^1]).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Incomplete message.");
    }

    [Fact]
    public async Task Unary_with_two_messages_is_unimplemented_with_more_than_one_received()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Concat(OneMessage, OneMessage)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(12);
        response.Message.Should().Be("Expected exactly one request message, received more than one.");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Unary_with_message_then_truncated_frame_is_internal_incomplete_message(int secondFrameBytes)
    {
        var body = ProbeCalls.Concat(OneMessage, OneMessage[..secondFrameBytes]);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, body).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Incomplete message.");
    }

    [Theory]
    [InlineData(new byte[] { 0x0F, 0x00 })]                   // field 1 with wire type 7, which does not exist
    [InlineData(new byte[] { 0x10, 0x80 })]                   // response_size varint cut short
    [InlineData(new byte[] { 0x1A, 0x05, 0x12 })]             // payload sub-message longer than the bytes left
    [InlineData(new byte[] { 0x00 })]                         // field number 0
    public async Task Unary_with_invalid_protobuf_is_internal(byte[] payload)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(payload)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Failed to deserialize the request message.");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Client_streaming_reads_every_message(int count)
    {
        var message = RawGrpcClient.Frame(new StreamingInputCallRequest { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) } });
        var body = ProbeCalls.Concat(Enumerable.Repeat(message, count).ToArray());

        var response = await host.Client.CallAsync(ProbeCalls.StreamingInputCall, body).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        response.Messages().Should().ContainSingle();
        StreamingInputCallResponse.Parser.ParseFrom(response.Messages()[0].Payload).AggregatedPayloadSize.Should().Be(count);
    }

    [Fact]
    public async Task Client_streaming_with_truncated_last_frame_is_internal_incomplete_message()
    {
        var message = RawGrpcClient.Frame(new StreamingInputCallRequest());
        var body = ProbeCalls.Concat(message, message, [0x00, 0x00]);

        var response = await host.Client.CallAsync(ProbeCalls.StreamingInputCall, body).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Incomplete message.");
    }
}
