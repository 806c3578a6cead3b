using System.IO.Compression;
using Google.Protobuf;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>A smaller MaxReceiveMessageSize is honoured, before and after decompression.</summary>
public class ConfiguredLimitTests
{
    private const int Limit = 1024;
    private const string TooLarge = "Received message exceeds the maximum configured message size.";

    [Fact]
    public async Task Message_at_the_configured_limit_is_accepted()
    {
        await using var host = await ProbeHost.StartAsync(o => o.MaxReceiveMessageSize = Limit);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(MessageSizeTests.RequestOfSize(Limit))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
    }

    [Fact]
    public async Task Message_one_byte_over_the_configured_limit_is_resource_exhausted()
    {
        await using var host = await ProbeHost.StartAsync(o => o.MaxReceiveMessageSize = Limit);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(MessageSizeTests.RequestOfSize(Limit + 1))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(8);
        response.Message.Should().Be(TooLarge);
    }

    [Fact]
    public async Task Gzip_bomb_expanding_past_the_limit_is_resource_exhausted()
    {
        await using var host = await ProbeHost.StartAsync(o => o.MaxReceiveMessageSize = Limit);
        var bomb = GzipSmallest(MessageSizeTests.RequestOfSize(256 * 1024).ToByteArray());
        bomb.Length.Should().BeLessThan(Limit, "the compressed message itself passes the prefix check");

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(bomb, flag: 1), ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(8);
        response.Message.Should().Be(TooLarge);
    }

    [Fact]
    public async Task Gzip_message_expanding_to_exactly_the_limit_is_accepted()
    {
        await using var host = await ProbeHost.StartAsync(o => o.MaxReceiveMessageSize = Limit);
        var compressed = RawGrpcClient.Gzip(MessageSizeTests.RequestOfSize(Limit).ToByteArray());

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(compressed, flag: 1), ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(5);
    }

    private static byte[] GzipSmallest(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
