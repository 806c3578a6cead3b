using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Payouts.Infrastructure.Providers;
using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Infrastructure;

/// <summary>
/// A fresh sandbox server on a free loopback port, and the real adapters configured against it, as
/// the service would configure them. One per test class instance: faults and state never leak.
/// </summary>
public sealed class SandboxedProviders : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = [];
    private ServiceProvider? _services;

    public SandboxServer Sandbox { get; private set; } = null!;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Sandbox settings to use; change before <see cref="InitializeAsync"/> runs (in the test class constructor).</summary>
    public SandboxSettings SandboxSettings { get; } = new() { Port = 0, StepDelay = TimeSpan.FromMilliseconds(50) };

    /// <summary>Extra service configuration, e.g. ["Providers:Tupay:AttemptTimeout"] = "00:00:01".</summary>
    public IDictionary<string, string?> Settings => _settings;

    /// <summary>The base URL of one provider's sandbox, e.g. "tupay".</summary>
    public Uri BaseUrlOf(string provider) => new(Sandbox.BaseUrl, provider + "/");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(SandboxSettings, NullLoggerFactory.Instance);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Providers:PayPal:BaseUrl"] = BaseUrlOf("paypal").ToString(),
                ["Providers:Payoneer:BaseUrl"] = BaseUrlOf("payoneer").ToString(),
                ["Providers:Tipalti:BaseUrl"] = BaseUrlOf("tipalti").ToString(),
                ["Providers:Tupay:BaseUrl"] = BaseUrlOf("tupay").ToString(),
            })
            .AddInMemoryCollection(_settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddProviders(configuration);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }
}
