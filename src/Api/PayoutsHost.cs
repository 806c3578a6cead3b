using Payouts.Api.Grpc;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Services;

namespace Payouts.Api;

/// <summary>
/// The service's composition root. Endpoints come from configuration (appsettings.json "Kestrel"):
/// an h2c HTTP/2-only endpoint for gRPC and an HTTP/1.1 endpoint for REST and pages.
/// </summary>
public static class PayoutsHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddGrpcWithHealthAndReflection(builder.Configuration);
        builder.Services.AddGrpcService<CashoutGrpcService>();
        builder.Services.AddGrpcService<LinkGrpcService>();
        builder.Services.AddGrpcService<PayoutGrpcService>();

        var app = builder.Build();
        app.UseGrpcServer();

        // Explicitly after gRPC: otherwise WebApplication puts routing first and every call pays for it.
        app.UseRouting();
        app.MapGet("/", () => "Payouts: gRPC is served on the HTTP/2 endpoint; REST and pages will be served here.");
        return app;
    }
}
