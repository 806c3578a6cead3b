using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace Payouts.Bench.CashoutLoad;

/// <summary>The outcome of one unary call: grpc-status ("0" is OK, "transport" a failed exchange) and the reply message.</summary>
internal readonly record struct UnaryOutcome(string Status, string? Message, byte[]? Reply, int ReplyOffset, int ReplyLength)
{
    public bool IsOk => Status == "0";

    public T Parse<T>(MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(Reply!, ReplyOffset, ReplyLength);
}

/// <summary>
/// gRPC unary calls over h2c (HTTP/2 with prior knowledge) with SocketsHttpHandler: one handler per
/// connection, so N handlers are N TCP connections, and calls spread over them round-robin by slot.
/// </summary>
internal sealed class GrpcConnections : IDisposable
{
    private readonly HttpMessageInvoker[] _invokers;
    private readonly Uri _baseUri;

    public GrpcConnections(int port, int connections)
    {
        _baseUri = new Uri(Format.Inv($"http://127.0.0.1:{port}"));
        _invokers = new HttpMessageInvoker[connections];
        for (var i = 0; i < connections; i++)
        {
            _invokers[i] = new HttpMessageInvoker(new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(30),
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        }
    }

    public int Count => _invokers.Length;

    public Uri Method(string path) => new(_baseUri, path);

    /// <summary>Length-prefixed message (gRPC framing, not compressed).</summary>
    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }

    public async Task<UnaryOutcome> UnaryAsync(int connection, Uri method, byte[] frame, string authorization, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", authorization);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("idempotency-key", idempotencyKey);
        }

        try
        {
            using var response = await _invokers[connection % _invokers.Length].SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new UnaryOutcome(Format.Inv($"http-{(int)response.StatusCode}"), null, null, 0, 0);
            }

            // Trailers after the message; a Trailers-Only reply (errors) has them in the headers.
            var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status") ?? "missing-grpc-status";
            var message = Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message");
            if (status != "0")
            {
                return new UnaryOutcome(status, message is null ? null : Uri.UnescapeDataString(message), null, 0, 0);
            }

            if (body.Length < 5 || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
            {
                return new UnaryOutcome("bad-frame", Format.Inv($"{body.Length} bytes: {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 16)))}"), null, 0, 0);
            }

            return new UnaryOutcome("0", null, body, 5, body.Length - 5);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return new UnaryOutcome("transport", Format.Inv($"{ex.GetType().Name}: {ex.Message}"), null, 0, 0);
        }
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.First() : null;
}
