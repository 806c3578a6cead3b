using System.IO.Compression;
using Google.Protobuf;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>The Compressed-Flag and grpc-encoding of request messages.</summary>
public class RequestCompressionTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly byte[] Request = ProbeCalls.Echo(7).ToByteArray();

    [Fact]
    public async Task Flag_1_without_grpc_encoding_is_internal_naming_the_missing_header()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(RawGrpcClient.Gzip(Request), flag: 1)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Request did not include grpc-encoding value with compressed message.");
    }

    [Fact]
    public async Task Flag_1_with_identity_encoding_is_internal()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(Request, flag: 1), ("grpc-encoding", "identity")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Request sent 'identity' grpc-encoding value with compressed message.");
    }

    [Fact]
    public async Task Flag_1_with_unknown_encoding_is_unimplemented_and_lists_accepted_encodings()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(Request, flag: 1), ("grpc-encoding", "snappy")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(12);
        response.Message.Should().Be("Unsupported grpc-encoding value 'snappy'. Supported encodings: identity,gzip,deflate");
        response.Headers["grpc-accept-encoding"].Split(',').Should().BeEquivalentTo("identity", "gzip", "deflate");
        response.Headers["grpc-accept-encoding"].Should().NotContain("snappy");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Flag_0_with_unknown_encoding_succeeds()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(Request), ("grpc-encoding", "snappy")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(7);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public async Task Flag_other_than_0_or_1_is_internal(byte flag)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(Request, flag), ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Invalid Compressed-Flag: expected 0 or 1.");
    }

    [Fact]
    public async Task Gzip_compressed_request_succeeds()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(RawGrpcClient.Gzip(Request), flag: 1), ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(7);
    }

    [Fact]
    public async Task Deflate_compressed_request_uses_zlib_format_and_succeeds()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(Compress("deflate", Request), flag: 1), ("grpc-encoding", "deflate")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(7);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Corrupt_compressed_bytes_are_internal(string encoding)
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF];

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(corrupt, flag: 1), ("grpc-encoding", encoding)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be($"Failed to decompress the request message with '{encoding}'.");
    }

    [Fact]
    public async Task Gzip_of_invalid_protobuf_is_internal_deserialize_failure()
    {
        var body = RawGrpcClient.Frame(RawGrpcClient.Gzip([0x0F, 0x00]), flag: 1);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, body, ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be("Failed to deserialize the request message.");
    }

    [Theory]
    [InlineData("gzip", 8)]
    [InlineData("gzip", 4)]
    [InlineData("deflate", 4)]
    public async Task Compressed_stream_missing_its_trailer_is_internal(string encoding, int cut)
    {
        // The deflate data is whole; only the integrity trailer (gzip CRC32+ISIZE, zlib Adler-32) is cut off.
        var whole = Compress(encoding, ProbeCalls.Echo(7).ToByteArray());

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(whole[..^cut], flag: 1), ("grpc-encoding", encoding)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(13);
        response.Message.Should().Be($"Failed to decompress the request message with '{encoding}'.");
    }

    private static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream encoder = encoding == "gzip" ? new GZipStream(output, CompressionLevel.Fastest) : new ZLibStream(output, CompressionLevel.Fastest))
        {
            encoder.Write(data);
        }

        return output.ToArray();
    }
}
