using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;

[assembly: HostingStartup(typeof(SandboxHostingStartup))]

namespace Payouts.Sandboxes;

/// <summary>
/// Runs every sandbox inside a host that names this assembly in its "hostingStartupAssemblies" setting, configured by
/// the host's "Sandboxes" section. The service's appsettings.Development.json names it, so `dotnet run --project src/Api`
/// works with no provider account and no network; only the service's Debug builds carry this assembly, so a published
/// service cannot start it (docs/decisions/ADR-006-development-composition.md).
/// </summary>
public sealed class SandboxHostingStartup : IHostingStartup
{
    public const string SectionName = "Sandboxes";

    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices((context, services) =>
    {
        services.AddOptions<SandboxSettings>().Bind(context.Configuration.GetSection(SectionName))
            .Validate(s => s.Port is >= 0 and <= 65535, "Sandboxes:Port must be a TCP port (0 picks a free one).")
            .Validate(s => s.NotificationBaseUrl.IsAbsoluteUri, "Sandboxes:NotificationBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddHostedService<SandboxHost>();
    });

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
