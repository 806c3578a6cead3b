using Payouts.Api.Grpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Payouts.Api.Grpc.Health;

/// <summary>
/// Marks the server and each served service SERVING once the host has started, and NOT_SERVING as
/// soon as shutdown begins, so load balancers drain us before connections close.
/// </summary>
internal sealed class HealthReporting(HealthStatusRegistry registry, GrpcMethodRegistry methods, IHostApplicationLifetime lifetime)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => SetAll(ServingStatus.Serving));
        lifetime.ApplicationStopping.Register(() => SetAll(ServingStatus.NotServing));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void SetAll(ServingStatus status)
    {
        registry.Set("", status);
        foreach (var service in methods.Services)
        {
            registry.Set(service.FullName, status);
        }
    }
}
