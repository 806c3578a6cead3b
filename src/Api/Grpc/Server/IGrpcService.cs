using Google.Protobuf.Reflection;

namespace Payouts.Api.Grpc.Server;

/// <summary>
/// A gRPC service served from its generated descriptor. <see cref="Bind"/> must give every RPC of the
/// descriptor a handler (or declare it unimplemented); start-up fails otherwise.
/// </summary>
public interface IGrpcService
{
    ServiceDescriptor Descriptor { get; }

    void Bind(ServiceBinder binder);
}
