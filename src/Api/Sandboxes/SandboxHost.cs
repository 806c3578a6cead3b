using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;

namespace Payouts.Api.Sandboxes;

/// <summary>
/// Runs the provider sandboxes inside the service when "Sandboxes:Enabled" is true (the development
/// configuration), so `dotnet run` works with no provider account and no network.
/// </summary>
internal sealed class SandboxHost(SandboxSettings settings, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    private SandboxServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _server = await SandboxServer.StartAsync(settings, logs, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public static void AddIfEnabled(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Sandboxes");
        if (section.GetValue("Enabled", false))
        {
            services.AddSingleton(section.Get<SandboxSettings>() ?? new SandboxSettings());
            services.AddHostedService<SandboxHost>();
        }
    }
}
