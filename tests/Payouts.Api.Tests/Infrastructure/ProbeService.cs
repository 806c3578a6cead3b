using Grpc.Testing;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// grpc.testing.TestService with handlers that report what happened to them, for tests that must
/// see the server side of a call: was the token cancelled, what did the handler receive.
/// UnaryCall's behaviour is chosen by the request's <c>response_status.message</c>:
/// "throw" throws an unexpected exception, "sleep" waits on the call's token ("sleep-inline" too, but
/// resumes synchronously when it is cancelled), "metadata" copies the
/// request metadata into <see cref="LastRequestHeaders"/> (reading it fails the call if it is invalid),
/// anything else echoes.
/// </summary>
public sealed class ProbeService : IGrpcService
{
    public const string SecretText = "connection string Password=hunter2";

    private readonly TaskCompletionSource<bool> _sleeperCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _sleeperStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes (true) when a sleeping handler's token is cancelled.</summary>
    public Task<bool> SleeperCancelled => _sleeperCancelled.Task;

    /// <summary>Completes (true) when a sleeping handler starts waiting on its token.</summary>
    public Task<bool> SleeperStarted => _sleeperStarted.Task;

    /// <summary>The metadata a "metadata" call saw, copied while the call was running.</summary>
    public Metadata? LastRequestHeaders { get; private set; }

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
            case "invalid":
                throw RichStatus.InvalidArgument("Invalid amount", [("amount", "must be greater than zero"), ("currency", "must be an ISO 4217 code")]);
            case "metadata":
                LastRequestHeaders = context.RequestHeaders;
                break;
            case "sleep":
            case "sleep-inline":
                try
                {
                    _sleeperStarted.TrySetResult(true);
                    await (request.ResponseStatus.Message == "sleep"
                        ? Task.Delay(Timeout.Infinite, context.CancellationToken)
                        : WaitInlineAsync(context.CancellationToken));
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

    /// <summary>
    /// Waits for cancellation and resumes synchronously inside the token's callback, as waits on
    /// SemaphoreSlim, channels or a plain TaskCompletionSource do (Task.Delay resumes later).
    /// </summary>
    private static async Task WaitInlineAsync(CancellationToken cancellationToken)
    {
        var woken = new TaskCompletionSource();
        using var registration = cancellationToken.Register(() => woken.TrySetCanceled(cancellationToken));
        await woken.Task;
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
