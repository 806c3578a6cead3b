using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// A gRPC client made of nothing but HttpClient over h2c, to send what real clients never would:
/// truncated frames, bad flags, wrong content types.
/// </summary>
public sealed class RawGrpcClient(int port) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static byte[] Frame(IMessage message, byte flag = 0) => Frame(message.ToByteArray(), flag);

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public Task<GrpcResponse> CallAsync(string path, byte[] body, params (string Name, string Value)[] headers) =>
        CallAsync(path, body, "application/grpc", headers);

    public async Task<GrpcResponse> CallAsync(string path, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    public async Task<GrpcResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        // The client's default version only applies to its shortcut methods, not to a request built by hand.
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new GrpcResponse(response, body);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What came back: HTTP status, headers, trailers and the framed messages.</summary>
public sealed class GrpcResponse
{
    public GrpcResponse(HttpResponseMessage response, byte[] body)
    {
        HttpStatus = response.StatusCode;
        Headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        Trailers = response.TrailingHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        Body = body;
    }

    public HttpStatusCode HttpStatus { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public IReadOnlyDictionary<string, string> Trailers { get; }

    public byte[] Body { get; }

    /// <summary>The status came in the one HEADERS frame: no body and no separate trailers.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && Trailers.Count == 0 && Body.Length == 0;

    public int? Status => int.TryParse(Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status"), out var code) ? code : null;

    public string? Message => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    public string? Trailer(string name) => Trailers.GetValueOrDefault(name) ?? Headers.GetValueOrDefault(name);

    /// <summary>The payloads of the length-prefixed messages in the body (compressed ones left as they are).</summary>
    public IReadOnlyList<(byte Flag, byte[] Payload)> Messages()
    {
        var messages = new List<(byte, byte[])>();
        var offset = 0;
        while (offset + 5 <= Body.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset + 1));
            messages.Add((Body[offset], Body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return messages;
    }
}
