using Payouts.Api.Grpc.Server;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Interop.Host;

namespace Payouts.Api.Tests.Transport;

/// <summary>The interop TestService (compression checks, echoed status) behind a raw h2c client.</summary>
public sealed class InteropHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    public RawGrpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartGrpcAsync(services => services.AddGrpcService<InteropTestService>()).WaitAsync(TimeSpan.FromSeconds(30));
        Client = new RawGrpcClient(_host.Port);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _host!.DisposeAsync();
    }
}
