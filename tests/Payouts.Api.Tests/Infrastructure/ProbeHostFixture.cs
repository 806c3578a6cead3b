using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>One probe server per test class, with a raw h2c client.</summary>
public sealed class ProbeHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    public ProbeService Probe { get; } = new();

    public RawGrpcClient Client { get; private set; } = null!;

    public int Port => _host!.Port;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartGrpcAsync(services =>
        {
            services.AddSingleton(Probe);
            services.AddSingleton<IGrpcService>(Probe);
        });
        Client = new RawGrpcClient(_host.Port);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _host!.DisposeAsync();
    }
}
