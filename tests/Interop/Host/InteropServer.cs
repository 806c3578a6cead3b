using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Payouts.Api.Grpc;
using Payouts.Api.Grpc.Server;

namespace Payouts.Interop.Host;

/// <summary>Builds the interop server: TestService plus health and reflection, h2c on 127.0.0.1.</summary>
public static class InteropServer
{
    public const int DefaultPort = 50052;

    public static int PortFrom(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : DefaultPort;
    }

    /// <param name="port">0 picks a free port; read it back with <see cref="BoundPort"/>.</param>
    public static WebApplication Build(int port, string[]? args = null)
    {
        // An empty builder reads no appsettings.json: the Payouts service's, which arrives through the
        // project reference, would otherwise add its own endpoints.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.Configuration.AddCommandLine(args ?? []);
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

        // With any logging enabled, ASP.NET Core starts an Activity and a log scope for every request;
        // the interop host logs nothing per request, so it need not pay for them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcWithHealthAndReflection(builder.Configuration);
        builder.Services.AddGrpcService<InteropTestService>();

        var app = builder.Build();
        app.UseGrpcServer();
        return app;
    }

    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }
}
