using Payouts.Api.Tests.Infrastructure;
using Payouts.Interop.Host;

namespace Payouts.Api.Tests.Interop;

/// <summary>The interop host (grpc.testing.TestService on our layer) on a free loopback port.</summary>
public sealed class InteropHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    public int Port => _host!.Port;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(InteropServer.Build(0));

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
