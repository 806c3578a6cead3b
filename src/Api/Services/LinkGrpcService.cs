using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services;

/// <summary><c>payouts.v1.LinkService</c> (proto/payouts/v1/link_service.proto).</summary>
public sealed class LinkGrpcService : IGrpcService
{
    public ServiceDescriptor Descriptor => LinkServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("LinkService");

    public void Bind(ServiceBinder binder) => NotYetServed.BindAll(binder, Descriptor, "issue #4, providers");
}
