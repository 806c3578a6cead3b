using Grpc.Testing;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// grpc.testing.TestService with handlers that report what happened to them, for tests that must
/// see the server side of a call: was the token cancelled, what did the handler receive.
/// UnaryCall's behaviour is chosen by the request's <c>response_status.message</c>:
/// "throw" throws an unexpected exception, "sleep" waits on the call's token, anything else echoes.
/// </summary>
public sealed class ProbeService : IGrpcService
{
    public const string SecretText = "connection string Password=hunter2";

    private readonly TaskCompletionSource<bool> _sleeperCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes (true) when a sleeping handler's token is cancelled.</summary>
    public Task<bool> SleeperCancelled => _sleeperCancelled.Task;

    public DateTime? LastDeadline { get; private set; }

    public ServerCallContext? LastContext { get; private set; }

    public Google.Protobuf.Reflection.ServiceDescriptor Descriptor =>
        TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<Empty, Empty>("EmptyCall", (_, _) => Task.FromResult(new Empty()))
        .Unary<SimpleRequest, SimpleResponse>("UnaryCall", UnaryCall)
        .Unary<SimpleRequest, SimpleResponse>("CacheableUnaryCall", (_, _) => Task.FromResult<SimpleResponse>(null!))
        .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", StreamingOutputCall)
        .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", StreamingInputCall)
        .Unimplemented("FullDuplexCall")
        .Unimplemented("HalfDuplexCall")
        .Unimplemented("UnimplementedCall");

    private async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        LastContext = context;
        LastDeadline = context.Deadline;
        switch (request.ResponseStatus?.Message)
        {
            case "throw":
                throw new InvalidOperationException(SecretText);
            case "sleep":
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _sleeperCancelled.TrySetResult(true);
                    throw;
                }

                break;
        }

        if (request.ResponseStatus is { Code: not 0 } status)
        {
            throw new RpcException((StatusCode)status.Code, status.Message);
        }

        return new SimpleResponse { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[request.ResponseSize]) } };
    }

    /// <summary>Sends one message, then fails: the status must then travel in real trailers.</summary>
    private static async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await responses.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload() });
        throw new RpcException(StatusCode.Aborted, "after one message");
    }

    private static async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var count = 0;
        while (await requests.MoveNext())
        {
            count++;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = count };
    }
}
