using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Payouts.Api.Health;

/// <summary>
/// Graceful shutdown for a service behind a load balancer: as soon as the host is asked to stop, health reports
/// NOT_SERVING, and the server keeps serving for <see cref="ShutdownOptions.DrainDelay"/> so probes see it and
/// route new calls elsewhere before the listeners close. In-flight calls then finish within the host's shutdown timeout.
/// </summary>
internal sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, TimeProvider time, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    public const string Name = "shutdown";

    private volatile bool _stopping;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("The service is shutting down.") : HealthCheckResult.Healthy());

    /// <summary>Runs before any hosted service stops, Kestrel included: the server still answers while this waits.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        Draining(logger, options.Value.DrainDelay);
        try
        {
            await Task.Delay(options.Value.DrainDelay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now rather than fail the shutdown.
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Shutting down: health answers NOT_SERVING, calls are still served for {Delay}")]
    private static partial void Draining(ILogger logger, TimeSpan delay);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Configuration section "Shutdown".</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>How long the service keeps serving, NOT_SERVING, after it is asked to stop (default 5 s; 0 in development).</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);
}
