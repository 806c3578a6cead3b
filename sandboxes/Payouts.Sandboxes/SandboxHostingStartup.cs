using Microsoft.AspNetCore.Hosting;
using Payouts.Sandboxes;

[assembly: HostingStartup(typeof(SandboxHostingStartup))]

namespace Payouts.Sandboxes;

/// <summary>
/// Runs every sandbox inside a host that names this assembly in its "hostingStartupAssemblies" setting, configured by
/// the host's "Sandboxes" section. The service's appsettings.Development.json names it, so `dotnet run --project src/Api`
/// works with no provider account and no network; only the service's Debug builds carry this assembly, so a published
/// service cannot start it (docs/decisions/ADR-007-settings-and-development-composition.md). The same sandboxes run
/// as a process of their own from sandboxes/Payouts.Sandboxes.Host.
/// </summary>
public sealed class SandboxHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices((context, services) => services.AddSandboxes(context.Configuration));
}
