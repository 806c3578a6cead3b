using Payouts.Api.Auth;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// A gRPC server wired for authentication exactly as PayoutsHost is (AddPayoutsAuthentication, then
/// UsePayoutsAuthentication before UseGrpcServer) with the test key, serving <see cref="WhoAmIService"/>.
/// </summary>
public sealed class WhoAmIHostFixture : IAsyncLifetime, IAsyncDisposable
{
    private RunningHost? _host;
    private RawGrpcClient? _client;

    public CapturedLogs Logs { get; } = new();

    public RawGrpcClient Client => _client!;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartGrpcAsync(
            services => services
                .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
                .AddPayoutsAuthentication(TestTokens.Configuration())
                .AddSingleton<IGrpcService, WhoAmIService>(),
            beforeGrpc: app => app.UsePayoutsAuthentication()).WaitAsync(TimeSpan.FromSeconds(30));
        _client = new RawGrpcClient(_host.Port);
    }

    public async Task DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        _client?.Dispose();
        Logs.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }
}
