using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services;

/// <summary><c>payouts.v1.PayoutService</c> (proto/payouts/v1/payout_service.proto).</summary>
public sealed class PayoutGrpcService : IGrpcService
{
    public ServiceDescriptor Descriptor => PayoutServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("PayoutService");

    public void Bind(ServiceBinder binder) => NotYetServed.BindAll(binder, Descriptor, "issue #5, merchant payouts");
}
