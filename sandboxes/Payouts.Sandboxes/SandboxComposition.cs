using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes;

/// <summary>
/// The sandboxes as a hosted service of whichever host adds them: the service in Development (through
/// <see cref="SandboxHostingStartup"/>) or their own process (sandboxes/Payouts.Sandboxes.Host), configured the same
/// way by a "Sandboxes" section.
/// </summary>
public static class SandboxComposition
{
    public const string SectionName = "Sandboxes";

    public static IServiceCollection AddSandboxes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxSettings>().Bind(configuration.GetSection(SectionName))
            .PostConfigure<IHostEnvironment>((s, environment) =>
            {
                if (!string.IsNullOrEmpty(s.StatePath))
                {
                    s.StatePath = Path.GetFullPath(s.StatePath, environment.ContentRootPath);
                }
            })
            .Validate(s => s.Port is >= 0 and <= 65535, "Sandboxes:Port must be a TCP port (0 picks a free one).")
            .Validate(s => s.StepDelay >= TimeSpan.Zero, "Sandboxes:StepDelay must not be negative.")
            .Validate(s => s.NotificationBaseUrl.IsAbsoluteUri, "Sandboxes:NotificationBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddHostedService<SandboxHost>();
        return services;
    }

    private sealed class SandboxHost(IOptions<SandboxSettings> settings, ILoggerFactory logs) : IHostedService, IAsyncDisposable
    {
        private SandboxServer? _server;

        public async Task StartAsync(CancellationToken cancellationToken) =>
            _server = await SandboxServer.StartAsync(settings.Value, logs, cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
    }
}
