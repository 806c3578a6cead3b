using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.PayPal;
using Payouts.Sandboxes.Payoneer;
using Payouts.Sandboxes.Tipalti;
using Payouts.Sandboxes.Tupay;

namespace Payouts.Sandboxes;

/// <summary>
/// All provider sandboxes on one HTTP port, each under its own prefix (/paypal, /payoneer, /tipalti,
/// /tupay), so a provider's base URL in the service's configuration is the only thing that changes
/// between sandbox and production.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseUrl, PayPalSandbox payPal, PayoneerSandbox payoneer, TipaltiSandbox tipalti, TupaySandbox tupay)
    {
        _app = app;
        BaseUrl = baseUrl;
        PayPal = payPal;
        Payoneer = payoneer;
        Tipalti = tipalti;
        Tupay = tupay;
    }

    /// <summary>e.g. http://127.0.0.1:8090/ — providers live under it at paypal/, payoneer/, tipalti/, tupay/.</summary>
    public Uri BaseUrl { get; }

    public PayPalSandbox PayPal { get; }

    public PayoneerSandbox Payoneer { get; }

    public TipaltiSandbox Tipalti { get; }

    public TupaySandbox Tupay { get; }

    public static async Task<SandboxServer> StartAsync(SandboxSettings settings, ILoggerFactory logs, CancellationToken cancellationToken = default)
    {
        // Empty: no appsettings.json, whose Kestrel endpoints are the service's own when it hosts the sandboxes.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, settings.Port));
        builder.Services.AddRouting();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        SandboxContext Context(string provider) => new(settings, TimeProvider.System, http, logs, provider);

        var payPal = new PayPalSandbox(Context("paypal"));
        var payoneer = new PayoneerSandbox(Context("payoneer"));
        var tipalti = new TipaltiSandbox(Context("tipalti"));
        var tupay = new TupaySandbox(Context("tupay"));
        payPal.Map(app.MapGroup("/paypal"));
        payoneer.Map(app.MapGroup("/payoneer"));
        tipalti.Map(app.MapGroup("/tipalti"));
        tupay.Map(app.MapGroup("/tupay"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"), payPal, payoneer, tipalti, tupay);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
