using Google.Protobuf;
using Google.Rpc;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>Typed unary calls over <see cref="RawGrpcClient"/>, with a bearer token and idempotency key.</summary>
public sealed class GrpcCall(RawGrpcClient client)
{
    public async Task<UnaryResult<TResponse>> UnaryAsync<TResponse>(
        string path, IMessage request, string? token, string? idempotencyKey = null)
        where TResponse : IMessage<TResponse>, new()
    {
        var headers = new List<(string, string)>();
        if (token is not null)
        {
            headers.Add(("authorization", $"Bearer {token}"));
        }

        if (idempotencyKey is not null)
        {
            headers.Add(("idempotency-key", idempotencyKey));
        }

        var response = await client.CallAsync(path, RawGrpcClient.Frame(request), [.. headers]).WaitAsync(TimeSpan.FromSeconds(30));
        var message = response.Messages().SingleOrDefault();
        var parser = new MessageParser<TResponse>(() => new TResponse());
        return new UnaryResult<TResponse>(
            response.Status ?? -1,
            response.Message is null ? null : Payouts.Api.Grpc.Protocol.PercentEncoding.Decode(response.Message),
            message.Payload is null ? default : parser.ParseFrom(message.Payload),
            Details(response));
    }

    private static Google.Rpc.Status? Details(GrpcResponse response) =>
        response.Trailer("grpc-status-details-bin") is { } text && Payouts.Api.Grpc.Protocol.BinaryHeaderValue.TryDecode(text, out var bytes)
            ? Google.Rpc.Status.Parser.ParseFrom(bytes)
            : null;
}

public sealed record UnaryResult<TResponse>(int Status, string? Message, TResponse? Response, Google.Rpc.Status? Details)
{
    public IReadOnlyList<string> ViolatedFields =>
        Details?.Details.Select(d => d.Unpack<BadRequest>()).SelectMany(b => b.FieldViolations).Select(v => v.Field).ToList() ?? [];
}
