using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>Request headers as the handler sees them: custom metadata in, protocol headers out, -bin decoded.</summary>
public class MetadataTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    [Fact]
    public async Task Custom_ascii_metadata_and_user_agent_reach_the_handler()
    {
        var metadata = await CallAsync(("x-custom", "hello world"), ("x-trace.id_1", "abc-123"), ("user-agent", "grpc-probe/1.0"));

        metadata.GetValue("x-custom").Should().Be("hello world");
        metadata.GetValue("x-trace.id_1").Should().Be("abc-123");
        metadata.GetValue("user-agent").Should().Be("grpc-probe/1.0");
    }

    [Fact]
    public async Task Protocol_headers_are_hidden_from_the_handler()
    {
        var metadata = await CallAsync(
            ("grpc-timeout", "1H"), ("grpc-encoding", "gzip"), ("grpc-accept-encoding", "gzip,deflate"), ("x-visible", "yes"));

        metadata.Select(e => e.Key).Should().NotContain(["grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "content-type", "te", "host"]);
        metadata.Select(e => e.Key).Should().NotContain(k => k.StartsWith(':'));
        metadata.GetValue("x-visible").Should().Be("yes");
    }

    [Theory]
    [InlineData("AQI=")]
    [InlineData("AQI")]
    public async Task Binary_metadata_padded_and_unpadded_both_decode(string value)
    {
        var metadata = await CallAsync(("x-data-bin", value));

        var entry = metadata.Should().ContainSingle(e => e.Key == "x-data-bin").Which;
        entry.IsBinary.Should().BeTrue();
        entry.ValueBytes.Should().Equal(1, 2);
    }

    [Fact]
    public async Task Comma_joined_binary_values_are_split_before_decoding()
    {
        var metadata = await CallAsync(("x-data-bin", "AQI=,AQ"));

        metadata.Where(e => e.Key == "x-data-bin").Select(e => e.ValueBytes).Should().BeEquivalentTo(
            new[] { new byte[] { 1, 2 }, [1] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Repeated_binary_header_gives_one_entry_per_value_in_order()
    {
        var metadata = await CallAsync(("x-data-bin", "AAE"), ("x-data-bin", "AAI="));

        metadata.Where(e => e.Key == "x-data-bin").Select(e => e.ValueBytes).Should().BeEquivalentTo(
            new[] { new byte[] { 0, 1 }, [0, 2] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("!!!!")]
    [InlineData("AQIDB")]
    [InlineData("AQI=,***")]
    public async Task Invalid_base64_in_binary_metadata_is_internal_when_read(string value)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("metadata")), ("x-data-bin", value)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Invalid base64 in binary metadata 'x-data-bin'.");
    }

    [Fact]
    public async Task Invalid_base64_in_binary_metadata_is_harmless_when_not_read()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Echo()), ("x-data-bin", "!!!!")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
    }

    private async Task<Payouts.Api.Grpc.Protocol.Metadata> CallAsync(params (string Name, string Value)[] headers)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("metadata")), headers).WaitAsync(ProbeCalls.Patience);
        response.Status.Should().Be(0, "the call must succeed (grpc-message: {0})", response.Message);
        return host.Probe.LastRequestHeaders!;
    }
}
