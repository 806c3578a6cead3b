using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>The real service on Kestrel on 127.0.0.1 with free ports, so HTTP/2, trailers and resets are real.</summary>
public static class TestHosts
{
    /// <summary>
    /// The real Payouts service, both endpoints on free ports, accepting <see cref="TestTokens"/>;
    /// later arguments override earlier ones.
    /// </summary>
    public static Task<RunningHost> StartPayoutsAsync(params string[] configuration) => RunningHost.StartAsync(PayoutsHost.Build(Arguments(configuration)));

    /// <summary>The test hosts' command line: a fresh database file, the test key and link state key, then <paramref name="configuration"/>.</summary>
    public static string[] Arguments(params string[] configuration) =>
    [
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
        "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
        .. TestTokens.ConfigurationArguments,
        $"--Database:Path={TestDatabase.NewPath()}",
        $"--Links:StateKey={TestTokens.LinkStateKey}",

        // Tests that need the dispatcher (and its sandboxes) turn it on; elsewhere it would only retry unreachable providers.
        "--Dispatch:Enabled=false",

        // Disposing a host must not wait out a load balancer's drain; the drain's own test sets it.
        "--Shutdown:DrainDelay=00:00:00",
        .. configuration,
    ];
}

public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        App = app;
        Addresses = addresses;
    }

    public WebApplication App { get; }

    /// <summary>Bound addresses in endpoint order (gRPC first for the Payouts service).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    public int Port => Addresses[0].Port;

    public static async Task<RunningHost> StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // E.g. a port taken meanwhile: whoever retries gets a new app, and this one must not linger.
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new RunningHost(app, addresses.Select(a => new Uri(a)).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
