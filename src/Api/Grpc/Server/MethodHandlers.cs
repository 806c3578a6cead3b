using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

internal sealed class UnaryHandler<TRequest, TResponse>(MethodDescriptor method, UnaryMethod<TRequest, TResponse> invoke)
    : MethodHandler(method)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task RunAsync(ServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Parser);
        var response = await invoke(request, call) ?? throw NoResponse();
        await call.CompleteWithResponseAsync(response);
    }

    public override async Task<IMessage> InvokeUnaryAsync(IMessage request, ServerCallContext call) =>
        await invoke((TRequest)request, call) ?? throw NoResponse();

    internal static RpcException NoResponse() => new(StatusCode.Cancelled, "No message returned from method.");
}

internal sealed class ServerStreamingHandler<TRequest, TResponse>(MethodDescriptor method, ServerStreamingMethod<TRequest, TResponse> invoke)
    : MethodHandler(method)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task RunAsync(ServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Parser);
        await invoke(request, new ResponseStreamWriter<TResponse>(call), call);
        await call.CompleteAsync(Status.Ok);
    }
}

internal sealed class ClientStreamingHandler<TRequest, TResponse>(MethodDescriptor method, ClientStreamingMethod<TRequest, TResponse> invoke)
    : MethodHandler(method)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task RunAsync(ServerCallContext call)
    {
        var response = await invoke(new RequestStreamReader<TRequest>(call, Parser), call)
            ?? throw UnaryHandler<TRequest, TResponse>.NoResponse();
        await call.CompleteWithResponseAsync(response);
    }
}

internal sealed class DuplexStreamingHandler<TRequest, TResponse>(MethodDescriptor method, DuplexStreamingMethod<TRequest, TResponse> invoke)
    : MethodHandler(method)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task RunAsync(ServerCallContext call)
    {
        await invoke(new RequestStreamReader<TRequest>(call, Parser), new ResponseStreamWriter<TResponse>(call), call);
        await call.CompleteAsync(Status.Ok);
    }
}

/// <summary>An RPC the service declares but does not serve yet: it answers UNIMPLEMENTED with a reason.</summary>
internal sealed class UnimplementedHandler(MethodDescriptor method, string reason) : MethodHandler(method)
{
    public override Task RunAsync(ServerCallContext call) => throw new RpcException(StatusCode.Unimplemented, reason);

    public override Task<IMessage> InvokeUnaryAsync(IMessage request, ServerCallContext call) => throw new RpcException(StatusCode.Unimplemented, reason);
}

internal sealed class RequestStreamReader<T>(ServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _current = await call.ReadMessageAsync(parser);
        return _current is not null;
    }
}

internal sealed class ResponseStreamWriter<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAndFlushAsync(message, cancellationToken);
}
