using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.PayPal;
using Payouts.Sandboxes.Payoneer;
using Payouts.Sandboxes.State;
using Payouts.Sandboxes.Tipalti;
using Payouts.Sandboxes.Tupay;

namespace Payouts.Sandboxes;

/// <summary>
/// All provider sandboxes on one HTTP port, each under its own prefix (/paypal, /payoneer, /tipalti,
/// /tupay), so a provider's base URL in the service's configuration is the only thing that changes
/// between sandbox and production. Their state lives in <see cref="SandboxSettings.StatePath"/> (or memory),
/// and a server started on the state of an earlier one carries on where that one stopped.
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxStore _store;
    private readonly HttpClient _http;
    private readonly SandboxContext[] _contexts;

    private SandboxServer(WebApplication app, SandboxStore store, HttpClient http, PayPalSandbox payPal, PayoneerSandbox payoneer, TipaltiSandbox tipalti, TupaySandbox tupay)
    {
        _app = app;
        _store = store;
        _http = http;
        PayPal = payPal;
        Payoneer = payoneer;
        Tipalti = tipalti;
        Tupay = tupay;
        _contexts = [payPal.Context, payoneer.Context, tipalti.Context, tupay.Context];
    }

    /// <summary>e.g. http://127.0.0.1:8090/ — providers live under it at paypal/, payoneer/, tipalti/, tupay/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The state file's full path, or null when the state is in memory.</summary>
    public string? StateFile => _store.Path;

    public PayPalSandbox PayPal { get; }

    public PayoneerSandbox Payoneer { get; }

    public TipaltiSandbox Tipalti { get; }

    public TupaySandbox Tupay { get; }

    public static async Task<SandboxServer> StartAsync(SandboxSettings settings, ILoggerFactory logs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = SandboxStore.Open(settings.StatePath);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        SandboxServer? server = null;
        try
        {
            // Empty: no appsettings.json, whose Kestrel endpoints are the service's own when it hosts the sandboxes.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, settings.Port));
            builder.Services.AddRouting();
            builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
            var app = builder.Build();

            SandboxContext Context(string provider) => new(settings, TimeProvider.System, http, logs, provider, store);
            server = new SandboxServer(
                app, store, http, new PayPalSandbox(Context("paypal")), new PayoneerSandbox(Context("payoneer")), new TipaltiSandbox(Context("tipalti")), new TupaySandbox(Context("tupay")));
            server.PayPal.Map(app.MapGroup("/paypal"));
            server.Payoneer.Map(app.MapGroup("/payoneer"));
            server.Tipalti.Map(app.MapGroup("/tipalti"));
            server.Tupay.Map(app.MapGroup("/tupay"));
            app.MapGet("/_sandbox/record", () => Results.Json(new { records = server._contexts.SelectMany(c => c.Record.All) }));

            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
            foreach (var context in server._contexts)
            {
                context.Start();
            }

            var logger = logs.CreateLogger<SandboxServer>();
            LogStarted(logger, server.BaseUrl, store.Path ?? "memory only");
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                http.Dispose();
                store.Dispose();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        foreach (var context in _contexts)
        {
            await context.StopAsync();
        }

        await _app.DisposeAsync();
        _http.Dispose();
        _store.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider sandboxes at {BaseUrl}; state: {State}")]
    private static partial void LogStarted(ILogger logger, Uri baseUrl, string state);
}
