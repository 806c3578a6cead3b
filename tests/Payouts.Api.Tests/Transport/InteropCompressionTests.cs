using System.IO.Compression;
using Google.Protobuf;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>client_compressed_unary and server_compressed_unary, checked on the wire.</summary>
public class InteropCompressionTests(InteropHostFixture host) : IClassFixture<InteropHostFixture>
{
    private const int ResponseSize = 314;

    [Fact]
    public async Task Response_compressed_with_gzip_accepted_is_gzip_with_flag_1()
    {
        var request = new SimpleRequest { ResponseSize = ResponseSize, ResponseCompressed = new BoolValue { Value = true } };

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request), ("grpc-accept-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        response.Headers["grpc-encoding"].Should().Be("gzip");
        var (flag, payload) = response.Messages().Single();
        flag.Should().Be(1);
        SimpleResponse.Parser.ParseFrom(Gunzip(payload)).Payload.Body.Length.Should().Be(ResponseSize);
    }

    [Fact]
    public async Task Response_compressed_without_accept_encoding_falls_back_to_flag_0()
    {
        var request = new SimpleRequest { ResponseSize = ResponseSize, ResponseCompressed = new BoolValue { Value = true } };

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        response.Headers.Should().NotContainKey("grpc-encoding");
        var (flag, payload) = response.Messages().Single();
        flag.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(payload).Payload.Body.Length.Should().Be(ResponseSize);
    }

    [Fact]
    public async Task Response_not_compressed_is_flag_0_even_when_gzip_is_accepted()
    {
        var request = new SimpleRequest { ResponseSize = ResponseSize, ResponseCompressed = new BoolValue { Value = false } };

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request), ("grpc-accept-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        response.Headers.Should().NotContainKey("grpc-encoding");
        var (flag, payload) = response.Messages().Single();
        flag.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(payload).Payload.Body.Length.Should().Be(ResponseSize);
    }

    [Fact]
    public async Task Expect_compressed_sent_uncompressed_is_invalid_argument()
    {
        var request = new SimpleRequest { ExpectCompressed = new BoolValue { Value = true } };

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(3);
        response.Message.Should().Be("Expected a compressed request message.");
    }

    [Fact]
    public async Task Expect_compressed_sent_gzip_compressed_succeeds()
    {
        var request = new SimpleRequest { ResponseSize = 1, ExpectCompressed = new BoolValue { Value = true } };
        var body = RawGrpcClient.Frame(RawGrpcClient.Gzip(request.ToByteArray()), flag: 1);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, body, ("grpc-encoding", "gzip")).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(1);
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
