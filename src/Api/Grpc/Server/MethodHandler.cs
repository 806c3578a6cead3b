using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

/// <summary>Runs one RPC: reads the request(s), calls the service's delegate, writes the response(s).</summary>
internal abstract class MethodHandler(MethodDescriptor method)
{
    public MethodDescriptor Method { get; } = method;

    public string Path { get; } = $"/{method.Service.FullName}/{method.Name}";

    /// <summary>Client- and duplex-streaming calls may run long and send slowly; Kestrel's body limits do not fit them.</summary>
    public bool IsClientStreaming { get; } = method.IsClientStreaming;

    /// <summary>Runs the call. Errors escape as exceptions; the dispatcher turns them into a status.</summary>
    public abstract Task RunAsync(ServerCallContext call);

    /// <summary>
    /// Runs a unary call on a request message that did not come from gRPC framing (REST transcoding), so
    /// REST reaches the very same delegate as gRPC. Other call shapes cannot be transcoded: UNIMPLEMENTED.
    /// </summary>
    public virtual Task<IMessage> InvokeUnaryAsync(IMessage request, ServerCallContext call) =>
        throw new RpcException(StatusCode.Unimplemented, "This method is not available over REST.");
}
