using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Services;

/// <summary>
/// Binds every RPC of a service that is designed but not built yet, so callers get UNIMPLEMENTED
/// naming the issue that delivers it, rather than a bare "Method is unimplemented.".
/// </summary>
internal static class NotYetServed
{
    public static void BindAll(ServiceBinder binder, ServiceDescriptor service, string deliveredBy)
    {
        foreach (var method in service.Methods)
        {
            binder.Unimplemented(method.Name, $"{method.FullName} is not implemented yet ({deliveredBy}).");
        }
    }
}
