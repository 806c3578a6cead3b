using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// Unary calls through Grpc.Net.Client, the client .NET callers use, by method path: tests read the outcome
/// (status, message, response, rich details) as values instead of catching exceptions.
/// </summary>
public sealed class GrpcCall(int port) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

    public GrpcChannel Channel => _channel;

    public Task<UnaryResult<TResponse>> UnaryAsync<TResponse>(
        string path, IMessage request, string? token, string? idempotencyKey = null, DateTime? deadline = null)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        if (idempotencyKey is not null)
        {
            headers.Add("idempotency-key", idempotencyKey);
        }

        return UnaryWithHeadersAsync<TResponse>(path, request, headers, deadline);
    }

    /// <summary>With exactly these headers, for calls whose metadata is the point (e.g. an odd authorization header).</summary>
    public async Task<UnaryResult<TResponse>> UnaryWithHeadersAsync<TResponse>(string path, IMessage request, Metadata headers, DateTime? deadline = null)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var parser = new MessageParser<TResponse>(() => new TResponse());
        var slash = path.LastIndexOf('/');
        var method = new Method<IMessage, TResponse>(
            MethodType.Unary,
            path[1..slash],
            path[(slash + 1)..],
            Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new NotSupportedException("requests are only written")),
            Marshallers.Create(r => r.ToByteArray(), parser.ParseFrom));
        var options = new CallOptions(headers, deadline ?? DateTime.UtcNow.AddSeconds(30));
        try
        {
            var response = await _channel.CreateCallInvoker().AsyncUnaryCall(method, null, options, request);
            return new UnaryResult<TResponse>(0, "", response, null);
        }
        catch (RpcException ex)
        {
            return new UnaryResult<TResponse>((int)ex.StatusCode, ex.Status.Detail, null, ex.GetRpcStatus());
        }
    }

    public void Dispose() => _channel.Dispose();
}

public sealed record UnaryResult<TResponse>(int Status, string? Message, TResponse? Response, Google.Rpc.Status? Details)
{
    public IReadOnlyList<string> ViolatedFields =>
        Details?.Details.Where(d => d.Is(BadRequest.Descriptor)).Select(d => d.Unpack<BadRequest>()).SelectMany(b => b.FieldViolations).Select(v => v.Field).ToList() ?? [];
}
