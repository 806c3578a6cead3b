using Payouts.Interop.Host;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>The interop host (grpc.testing.TestService on our layer) on a free loopback port, with a raw h2c client.</summary>
public sealed class InteropHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    public int Port => _host!.Port;

    public RawGrpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(InteropServer.Build(0)).WaitAsync(TimeSpan.FromSeconds(30));
        Client = new RawGrpcClient(_host.Port);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _host!.DisposeAsync();
    }
}
