using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Payouts.Api.Grpc;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>Real Kestrel servers on 127.0.0.1 with a free port, so HTTP/2 framing, trailers and resets are real.</summary>
public static class TestHosts
{
    /// <summary>
    /// A bare gRPC server with health, reflection and the services <paramref name="configure"/> adds;
    /// <paramref name="beforeGrpc"/> adds middleware that runs before gRPC (authentication).
    /// </summary>
    public static async Task<RunningHost> StartGrpcAsync(
        Action<IServiceCollection> configure, Action<GrpcServerOptions>? options = null, Action<WebApplication>? beforeGrpc = null)
    {
        // Empty: no appsettings.json (the Payouts service's sits in the test output) and no log providers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcWithHealthAndReflection(builder.Configuration);
        if (options is not null)
        {
            builder.Services.Configure(options);
        }

        configure(builder.Services);
        var app = builder.Build();
        beforeGrpc?.Invoke(app);
        app.UseGrpcServer();
        return await RunningHost.StartAsync(app);
    }

    /// <summary>
    /// The real Payouts service, both endpoints on free ports, accepting <see cref="TestTokens"/>;
    /// later arguments override earlier ones.
    /// </summary>
    public static Task<RunningHost> StartPayoutsAsync(params string[] configuration) => RunningHost.StartAsync(PayoutsHost.Build(
    [
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
        "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
        .. TestTokens.ConfigurationArguments,
        $"--Database:Path={TestDatabase.NewPath()}",
        $"--Links:StateKey={TestTokens.LinkStateKey}",

        // Tests that need the dispatcher (and its sandboxes) turn it on; elsewhere it would only retry unreachable providers.
        "--Dispatch:Enabled=false",
        .. configuration,
    ]));
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
