using System.Collections.Frozen;
using Google.Protobuf.Reflection;

namespace Payouts.Api.Grpc.Server;

/// <summary>Every served RPC by path, built and verified once at start-up.</summary>
public sealed class GrpcMethodRegistry
{
    private readonly FrozenDictionary<string, MethodHandler> _byPath;
    private readonly FrozenSet<string> _serviceNames;

    public GrpcMethodRegistry(IEnumerable<IGrpcService> services)
    {
        var handlers = new List<MethodHandler>();
        var descriptors = new List<ServiceDescriptor>();
        foreach (var service in services)
        {
            var binder = new ServiceBinder(service.Descriptor);
            service.Bind(binder);
            handlers.AddRange(binder.Build());
            descriptors.Add(service.Descriptor);
        }

        var duplicate = descriptors.GroupBy(d => d.FullName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"gRPC service {duplicate.Key} is registered twice.");
        }

        _byPath = handlers.ToFrozenDictionary(h => h.Path, StringComparer.Ordinal);
        _serviceNames = descriptors.Select(d => d.FullName).ToFrozenSet(StringComparer.Ordinal);
        Services = descriptors;
    }

    /// <summary>The served services, in registration order (reflection and health read them).</summary>
    public IReadOnlyList<ServiceDescriptor> Services { get; }

    internal bool TryGetMethod(string path, out MethodHandler handler) => _byPath.TryGetValue(path, out handler!);

    /// <summary>Whether a path such as <c>/pkg.Service/Method</c> names a service we serve.</summary>
    internal bool HasService(string path)
    {
        var slash = path.IndexOf('/', 1);
        return slash > 1 && _serviceNames.Contains(path[1..slash]);
    }
}
