using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Payouts.Api.Grpc.Server;

/// <summary>
/// Collects the handlers of one service and checks them against its descriptor: each RPC bound once,
/// with the call shape and message types the proto declares. Start-up fails on any mismatch.
/// </summary>
public sealed class ServiceBinder
{
    private readonly ServiceDescriptor _service;
    private readonly Dictionary<string, MethodHandler> _handlers = [];
    private readonly List<string> _problems = [];

    internal ServiceBinder(ServiceDescriptor service) => _service = service;

    public ServiceBinder Unary<TRequest, TResponse>(string method, UnaryMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
        => Add<TRequest, TResponse>(method, false, false, m => new UnaryHandler<TRequest, TResponse>(m, handler));

    public ServiceBinder ServerStreaming<TRequest, TResponse>(string method, ServerStreamingMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
        => Add<TRequest, TResponse>(method, false, true, m => new ServerStreamingHandler<TRequest, TResponse>(m, handler));

    public ServiceBinder ClientStreaming<TRequest, TResponse>(string method, ClientStreamingMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
        => Add<TRequest, TResponse>(method, true, false, m => new ClientStreamingHandler<TRequest, TResponse>(m, handler));

    public ServiceBinder DuplexStreaming<TRequest, TResponse>(string method, DuplexStreamingMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
        => Add<TRequest, TResponse>(method, true, true, m => new DuplexStreamingHandler<TRequest, TResponse>(m, handler));

    /// <summary>Declares an RPC that is not served (yet): calls get UNIMPLEMENTED with this reason.</summary>
    public ServiceBinder Unimplemented(string method, string reason = "Method is unimplemented.")
    {
        if (Find(method) is { } descriptor)
        {
            Register(descriptor, new UnimplementedHandler(descriptor, reason));
        }

        return this;
    }

    internal IReadOnlyCollection<MethodHandler> Build()
    {
        foreach (var method in _service.Methods.Where(m => !_handlers.ContainsKey(m.Name)))
        {
            _problems.Add($"{method.FullName} has no handler.");
        }

        return _problems.Count == 0
            ? _handlers.Values
            : throw new InvalidOperationException($"gRPC service {_service.FullName} is not bound correctly:\n  " + string.Join("\n  ", _problems));
    }

    private ServiceBinder Add<TRequest, TResponse>(string name, bool clientStreaming, bool serverStreaming, Func<MethodDescriptor, MethodHandler> create)
    {
        if (Find(name) is not { } method)
        {
            return this;
        }

        var before = _problems.Count;
        Expect(method, method.IsClientStreaming == clientStreaming && method.IsServerStreaming == serverStreaming,
            $"is {Shape(method.IsClientStreaming, method.IsServerStreaming)} but was bound as {Shape(clientStreaming, serverStreaming)}");
        Expect(method, method.InputType.ClrType == typeof(TRequest),
            $"takes {method.InputType.ClrType?.FullName} but the handler takes {typeof(TRequest).FullName}");
        Expect(method, method.OutputType.ClrType == typeof(TResponse),
            $"returns {method.OutputType.ClrType?.FullName} but the handler returns {typeof(TResponse).FullName}");
        if (_problems.Count == before)
        {
            Register(method, create(method));
        }

        return this;
    }

    private MethodDescriptor? Find(string name)
    {
        var method = _service.FindMethodByName(name);
        if (method is null)
        {
            _problems.Add($"{_service.FullName}.{name} is bound but the proto has no such RPC.");
        }

        return method;
    }

    private void Register(MethodDescriptor method, MethodHandler handler)
    {
        if (!_handlers.TryAdd(method.Name, handler))
        {
            _problems.Add($"{method.FullName} is bound twice.");
        }
    }

    private void Expect(MethodDescriptor method, bool condition, string problem)
    {
        if (!condition)
        {
            _problems.Add($"{method.FullName} {problem}.");
        }
    }

    private static string Shape(bool clientStreaming, bool serverStreaming) => (clientStreaming, serverStreaming) switch
    {
        (false, false) => "unary",
        (false, true) => "server streaming",
        (true, false) => "client streaming",
        _ => "duplex streaming",
    };
}
