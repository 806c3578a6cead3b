using Payouts.Api.Auth;
using Payouts.Api.Grpc;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Services;
using Payouts.Api.Transcoding;
using Payouts.Application;
using Payouts.Api.HostedForm;
using Payouts.Api.Http;
using Payouts.Api.OpenApi;
using Payouts.Api.Sandboxes;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Payouts;
using Payouts.Infrastructure.Dispatch;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Providers;
using Payouts.Infrastructure.Webhooks;

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
        builder.Services.AddPayoutsAuthentication(builder.Configuration);
        builder.Services.AddApplication(
            builder.Configuration.GetSection("Cashouts").Get<CashoutPolicy>() ?? new CashoutPolicy(),
            builder.Configuration.GetSection("Links").Get<LinkPolicy>() ?? new LinkPolicy(),
            builder.Configuration.GetSection("Payouts").Get<PayoutPolicy>() ?? new PayoutPolicy());
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddProviders(builder.Configuration);
        builder.Services.AddDispatch(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        SandboxHost.AddIfEnabled(builder.Services, builder.Configuration);
        builder.Services.AddGrpcService<CashoutGrpcService>();
        builder.Services.AddGrpcService<LinkGrpcService>();
        builder.Services.AddGrpcService<PayoutGrpcService>();
        builder.Services.AddRestTranscoding();

        var app = builder.Build();

        // A deliberate step before serving: the database is at the latest migration or we do not start.
        app.Services.MigrateDatabase();

        // Fail now, not at the first link: without a state key no account can be linked safely.
        _ = app.Services.GetRequiredService<LinkState>();

        // Before gRPC, so handlers see the caller in ServerCallContext.User; it never rejects a call itself.
        app.UsePayoutsAuthentication();
        app.UseGrpcServer();

        // Explicitly after gRPC: otherwise WebApplication puts routing first and every call pays for it.
        app.UseRouting();
        app.MapLinkCallback();
        app.MapProviderNotifications();
        app.MapHostedForm();
        app.MapOpenApiDocument();

        // REST from the google.api.http annotations, on both endpoints (HTTP/2 requests that are not gRPC
        // pass through the gRPC middleware). After routing, so pages and callbacks keep their paths.
        app.UseRestTranscoding();
        app.MapGet("/", () => "Payouts: gRPC is served on the HTTP/2 endpoint; REST, OpenAPI (/openapi.json) and pages here.");
        return app;
    }
}
