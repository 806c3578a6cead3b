using System.Threading.Channels;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Payouts.Api.Grpc.Health;

/// <summary><c>grpc.health.v1.Health</c>: Check, Watch and List over <see cref="HealthStatusRegistry"/>.</summary>
public sealed class HealthService(HealthStatusRegistry registry) : IGrpcService
{
    public ServiceDescriptor Descriptor => HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health");

    public void Bind(ServiceBinder binder) => binder
        .Unary<HealthCheckRequest, HealthCheckResponse>("Check", Check)
        .Unary<HealthListRequest, HealthListResponse>("List", List)
        .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", Watch);

    private Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        registry.TryGet(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is unknown.");

    private Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        var response = new HealthListResponse();
        foreach (var (service, status) in registry.Snapshot())
        {
            response.Statuses.Add(service, new HealthCheckResponse { Status = status });
        }

        return Task.FromResult(response);
    }

    /// <summary>Sends the current status, then every change, until the client cancels.</summary>
    private async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> stream, ServerCallContext context)
    {
        // A slow watcher only needs the latest status, so older queued ones are dropped.
        var updates = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(string service, ServingStatus status)
        {
            if (service == request.Service)
            {
                updates.Writer.TryWrite(status);
            }
        }

        registry.Changed += OnChanged;
        try
        {
            var last = registry.TryGet(request.Service, out var current) ? current : ServingStatus.ServiceUnknown;
            await stream.WriteAsync(new HealthCheckResponse { Status = last }, context.CancellationToken);
            await foreach (var status in updates.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (status != last)
                {
                    last = status;
                    await stream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                }
            }
        }
        finally
        {
            registry.Changed -= OnChanged;
        }
    }
}
