using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>The default 4 MiB receive limit, judged from the length prefix before the payload is buffered.</summary>
public class MessageSizeTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private const int FourMiB = 4 * 1024 * 1024;
    private const string TooLarge = "Received message exceeds the maximum configured message size.";

    [Theory]
    [InlineData(FourMiB + 1u)]
    [InlineData(uint.MaxValue)]
    public async Task Length_prefix_over_the_limit_is_resource_exhausted(uint length)
    {
        var body = ProbeCalls.Concat(Prefix(length), [0x10, 0x01, 0x10]);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, body).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(8);
        response.Message.Should().Be(TooLarge);
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Length_prefix_over_the_limit_is_rejected_before_the_payload_arrives()
    {
        var neverEnds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ProbeCalls.UnaryCall)
            {
                Content = new StalledContent(ProbeCalls.Concat(Prefix(FourMiB + 1), [0x10, 0x01]), neverEnds.Task),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

            // The body stays open and never delivers the payload: only a decision from the prefix can answer.
            var response = await host.Client.SendAsync(request).WaitAsync(ProbeCalls.Patience);

            response.HttpStatus.Should().Be(HttpStatusCode.OK);
            response.Status.Should().Be(8);
            response.Message.Should().Be(TooLarge);
        }
        finally
        {
            neverEnds.TrySetResult();
        }
    }

    [Fact]
    public async Task Message_of_exactly_4_MiB_is_accepted()
    {
        var request = RequestOfSize(FourMiB);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request)).WaitAsync(TimeSpan.FromSeconds(30));

        response.Status.Should().Be(0);
        SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length.Should().Be(5);
    }

    [Fact]
    public async Task Message_of_4_MiB_plus_1_is_resource_exhausted()
    {
        var request = RequestOfSize(FourMiB + 1);

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, RawGrpcClient.Frame(request)).WaitAsync(TimeSpan.FromSeconds(30));

        response.Status.Should().Be(8);
        response.Message.Should().Be(TooLarge);
    }

    /// <summary>A SimpleRequest whose serialized size is exactly <paramref name="size"/> bytes.</summary>
    internal static SimpleRequest RequestOfSize(int size)
    {
        var request = new SimpleRequest { ResponseSize = 5, Payload = new Payload { Body = ByteString.CopyFrom(new byte[size - 32]) } };
        request.Payload.Body = ByteString.CopyFrom(new byte[size - 32 + (size - request.CalculateSize())]);
        request.CalculateSize().Should().Be(size, "the varint lengths must not change while adjusting");
        return request;
    }

    private static byte[] Prefix(uint length)
    {
        var prefix = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), length);
        return prefix;
    }

    /// <summary>Sends some bytes, then keeps the request body open until released or the client gives up.</summary>
    private sealed class StalledContent(byte[] head, Task release) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(head, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await release.WaitAsync(cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
