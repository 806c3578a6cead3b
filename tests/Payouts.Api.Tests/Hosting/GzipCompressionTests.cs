using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Payouts.Api.Hosting;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// Compressed responses must be gzip even when the message is empty: grpc-js and grpc-java fail a call whose
/// message is flagged compressed but holds no gzip stream.
/// </summary>
public class GzipCompressionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    public void Compresses_any_message_to_a_gzip_stream_of_it(int size)
    {
        var message = Enumerable.Range(0, size).Select(i => (byte)(i % 7)).ToArray();

        var compressed = Compress(message);

        compressed.Take(2).Should().Equal([0x1f, 0x8b], "every gzip stream starts with its magic number");
        Decompress(compressed).Should().Equal(message);
    }

    [Fact]
    public async Task An_empty_response_goes_out_as_a_gzip_stream_when_responses_are_compressed()
    {
        await using var host = await TestHosts.StartPayoutsAsync("--Grpc:ResponseCompressionAlgorithm=gzip");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{host.Port}/payouts.v1.CashoutService/ListCashouts")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,

            // An empty ListCashoutsRequest, uncompressed; a user with no cashouts gets an empty ListCashoutsResponse.
            Content = new ByteArrayContent(new byte[5]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.Add("te", "trailers");
        request.Headers.Add("grpc-accept-encoding", "gzip");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("no-cashouts-yet"));

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.TrailingHeaders.TryGetValues("grpc-status", out var status).Should().BeTrue($"the call must end OK in trailers: {response.Headers}{response.TrailingHeaders}");
        status.Should().Equal("0");
        response.Headers.GetValues("grpc-encoding").Should().Equal("gzip");
        body[0].Should().Be(1, "the message is flagged compressed");
        var payload = body[5..];
        BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4)).Should().Be((uint)payload.Length);
        payload.Take(2).Should().Equal([0x1f, 0x8b], "a message flagged compressed must hold a gzip stream, even of nothing");
        Decompress(payload).Should().BeEmpty();
    }

    private static byte[] Compress(byte[] message)
    {
        var output = new MemoryStream();
        using (var gzip = new GzipCompression().CreateCompressionStream(output, null))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
