using Payouts.Api.Grpc.Server;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>
/// A probe server for one test: its own <see cref="ProbeService"/> (so SleeperCancelled and the
/// Last* properties belong to that test alone) and, if needed, its own server options.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly RunningHost _host;

    private ProbeHost(RunningHost host, ProbeService probe)
    {
        _host = host;
        Probe = probe;
        Client = new RawGrpcClient(host.Port);
    }

    public ProbeService Probe { get; }

    public RawGrpcClient Client { get; }

    public static async Task<ProbeHost> StartAsync(Action<GrpcServerOptions>? options = null)
    {
        var probe = new ProbeService();
        var host = await TestHosts.StartGrpcAsync(
            services =>
            {
                services.AddSingleton(probe);
                services.AddSingleton<IGrpcService>(probe);
            },
            options).WaitAsync(TimeSpan.FromSeconds(30));
        return new ProbeHost(host, probe);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
    }
}
