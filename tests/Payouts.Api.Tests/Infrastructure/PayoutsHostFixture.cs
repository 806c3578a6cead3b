namespace Payouts.Api.Tests.Infrastructure;

/// <summary>The real Payouts service (gRPC on Addresses[0], HTTP/1.1 on Addresses[1]) on free ports.</summary>
public sealed class PayoutsHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    public int GrpcPort => _host!.Addresses[0].Port;

    public int HttpPort => _host!.Addresses[1].Port;

    public async Task InitializeAsync() => _host = await TestHosts.StartPayoutsAsync();

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
