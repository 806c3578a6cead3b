using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services;

/// <summary><c>payouts.v1.CashoutService</c> (proto/payouts/v1/cashout_service.proto).</summary>
public sealed class CashoutGrpcService : IGrpcService
{
    public ServiceDescriptor Descriptor => CashoutServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CashoutService");

    public void Bind(ServiceBinder binder) => NotYetServed.BindAll(binder, Descriptor, "issue #3, money core");
}
