using Payouts.Api.Auth;
using Payouts.Api.Hosting;
using Payouts.Api.HostedForm;
using Payouts.Api.Http;
using Payouts.Api.Swagger;
using Payouts.Api.Rest;
using Microsoft.Extensions.Options;
using Payouts.Application;
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
        builder.Services.AddPayoutsGrpc(builder.Configuration);
        builder.Services.AddPayoutsAuthentication(builder.Configuration);
        builder.Services.AddApplication(builder.Configuration);
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddProviders(builder.Configuration);
        builder.Services.AddDispatch(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddPayoutsOpenApi();

        var app = builder.Build();

        // Deliberate steps before serving: every setting is valid (the same check the host repeats when it starts, done
        // here so a bad one stops us before the database is touched), then the database is at the latest migration.
        // That every proto field has a mapping is proved by a test (ProtoMappingTests) rather than here, where
        // compiling it cost a tenth of the start-up.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        // On SQLite this process is the one owner of the file (a second refuses to start), so whatever a previous process
        // left in flight is a dead process's and is taken back now rather than after its lease. On PostgreSQL replicas
        // share the database: a payout under its lease may be a live replica's step, and only the lease's end hands it over.
        var singleOwner = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsSqlite;
        if (singleOwner)
        {
            app.Services.TakeDatabaseOwnership();
        }

        app.Services.MigrateDatabase();
        if (singleOwner)
        {
            app.Services.TakeBackInFlightPayouts();
        }

        // Fills HttpContext.User and never rejects a call itself: handlers decide (health and reflection need no token).
        app.UseAuthentication();
        app.UseMiddleware<StrictTranscoding>();
        app.MapPayoutsGrpc();
        app.MapSeedRoutes();
        app.MapLinkCallback();
        app.MapProviderNotifications();
        app.MapHostedForm();
        app.MapPayoutsOpenApi();
        app.MapGet("/", () => "Payouts: gRPC is served on the HTTP/2 endpoint; REST, OpenAPI (/openapi.json, /swagger) and pages here.")
            .ExcludeFromDescription();
        return app;
    }
}
