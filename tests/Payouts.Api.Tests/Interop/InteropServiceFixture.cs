using Payouts.Api.Tests.Providers;

namespace Payouts.Api.Tests.Interop;

/// <summary>
/// The real service as other ecosystems' clients meet it: wired to fresh provider sandboxes (a Tipalti payee links at
/// once, so a user can cash out right away), answering with gzip when the client accepts it, and with the dispatcher
/// off, so a new cashout stays pending and reserved while a client checks the balance it moved.
/// </summary>
public sealed class InteropServiceFixture : IAsyncLifetime
{
    private ProvidersHost? _host;

    public ProvidersHost Host => _host!;

    public async Task InitializeAsync() =>
        _host = await ProvidersHost.StartAsync(null, "--Dispatch:Enabled=false", "--Grpc:ResponseCompressionAlgorithm=gzip");

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
