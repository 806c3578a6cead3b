using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Services;

/// <summary>
/// Binds RPCs that are designed but not built yet, so callers get UNIMPLEMENTED naming the issue
/// that delivers them, rather than a bare "Method is unimplemented.".
/// </summary>
internal static class NotYetServed
{
    public static void BindAll(ServiceBinder binder, ServiceDescriptor service, string deliveredBy) =>
        Bind(binder, service, deliveredBy, service.Methods.Select(m => m.Name).ToArray());

    public static void Bind(ServiceBinder binder, ServiceDescriptor service, string deliveredBy, params string[] methods)
    {
        foreach (var method in methods.Select(service.FindMethodByName))
        {
            binder.Unimplemented(method.Name, $"{method.FullName} is not implemented yet ({deliveredBy}).");
        }
    }
}
