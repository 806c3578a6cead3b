using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Transport;

/// <summary>grpc-message on the wire: percent-encoded UTF-8, only what the spec requires, decoding back exactly.</summary>
public class StatusMessageEncodingTests(Infrastructure.ProbeHostFixture host) : IClassFixture<Infrastructure.ProbeHostFixture>
{
    public static TheoryData<string, string> Messages => new()
    {
        { "100% done", "100%25 done" },
        { "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n", "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A" },
        { "a,b/c:d?e#f&g=h+i~j", "a,b/c:d?e#f&g=h+i~j" },
        { "%41 is not A", "%2541 is not A" },
        { "del\u007Fnul\u0000", "del%7Fnul%00" },
        { "café", "caf%C3%A9" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Status_message_is_percent_encoded_exactly(string message, string wire)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Failing(2, message))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        response.Message.Should().Be(wire);
        PercentEncoding.Decode(response.Message!).Should().Be(message);
    }

    [Theory]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData(" ☺ ")]
    [InlineData("trailing ")]
    public async Task Status_message_with_outer_spaces_round_trips_as_a_valid_http2_field(string message)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Failing(2, message))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        PercentEncoding.Decode(response.Message!).Should().Be(message);

        // RFC 9113 §8.2.1: a field value must not start or end with SP or HTAB. nghttp2 (so grpc-js)
        // drops such a grpc-message: the client sees an empty status message.
        response.Message.Should().NotStartWith(" ").And.NotEndWith(" ");
    }

    [Fact]
    public async Task Status_message_without_special_bytes_is_sent_as_is()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Failing(2, "test status message"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        response.Message.Should().Be("test status message");
    }
}
