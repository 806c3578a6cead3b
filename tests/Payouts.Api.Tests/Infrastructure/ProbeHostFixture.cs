namespace Payouts.Api.Tests.Infrastructure;

/// <summary>One probe server shared by a test class; use <see cref="Transport.ProbeHost"/> when a test needs its own.</summary>
public sealed class ProbeHostFixture : IAsyncLifetime
{
    private Transport.ProbeHost? _host;

    public ProbeService Probe => _host!.Probe;

    public RawGrpcClient Client => _host!.Client;

    public async Task InitializeAsync() => _host = await Transport.ProbeHost.StartAsync();

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
