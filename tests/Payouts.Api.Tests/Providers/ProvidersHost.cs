using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Payouts.Api.Services;
using Payouts.Api.Tests.Cashouts;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;

namespace Payouts.Api.Tests.Providers;

/// <summary>
/// The real service with its dispatcher on, wired to a fresh sandbox server over real HTTP on loopback,
/// both ways: the service calls the sandboxes, and the sandboxes call back the service's notification
/// endpoint, exactly as `dotnet run` wires them in development.
/// </summary>
public sealed class ProvidersHost : IAsyncDisposable
{
    public const string Link = "/payouts.v1.LinkService/LinkCashoutMethod";
    public const string Unlink = "/payouts.v1.LinkService/UnlinkCashoutMethod";
    public const string ListMethods = "/payouts.v1.LinkService/ListCashoutMethods";
    private static readonly string EarningsService = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope);

    private readonly string[] _arguments;
    private RunningHost _service;

    private ProvidersHost(SandboxServer sandbox, string[] arguments, RunningHost service, Uri http)
    {
        Sandbox = sandbox;
        _arguments = arguments;
        _service = service;
        Http = http;
        Grpc = new GrpcCall(service.Port);
    }

    public SandboxServer Sandbox { get; }

    public GrpcCall Grpc { get; private set; }

    /// <summary>The running service's composition, for tests that drive use cases the way a transport would.</summary>
    public IServiceProvider Services => _service.App.Services;

    /// <summary>The service's gRPC endpoint, for clients other than <see cref="Grpc"/>.</summary>
    public int GrpcPort => _service.Port;

    /// <summary>The service's HTTP/1.1 endpoint (callbacks, notifications).</summary>
    public Uri Http { get; }

    /// <summary>A browser that does not follow redirects, so each hop can be checked.</summary>
    public HttpClient Browser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <param name="service">Extra service configuration, after the defaults here.</param>
    public static async Task<ProvidersHost> StartAsync(Action<SandboxSettings>? sandbox = null, params string[] service)
    {
        // The HTTP port is picked before the service binds it (the sandboxes must know where to post), and another
        // socket can take it in between: then everything starts again on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(sandbox, service);
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<ProvidersHost> StartOnFreePortAsync(Action<SandboxSettings>? sandbox, string[] service)
    {
        var httpPort = FreePorts.Next();
        var http = new Uri($"http://127.0.0.1:{httpPort}/");
        var settings = new SandboxSettings { Port = 0, StepDelay = TimeSpan.FromMilliseconds(50), NotificationBaseUrl = new Uri(http, "notifications/") };
        sandbox?.Invoke(settings);
        var server = await SandboxServer.StartAsync(settings, NullLoggerFactory.Instance);
        string Base(string provider) => new Uri(server.BaseUrl, provider + "/").ToString();

        string[] arguments = [
            $"--Database:Path={TestDatabase.NewPath()}",
            $"--Kestrel:Endpoints:Http:Url={http.ToString().TrimEnd('/')}",
            $"--Links:CallbackBaseUrl={new Uri(http, "cashout/link/callback/")}",
            "--Dispatch:Enabled=true",
            "--Dispatch:PollInterval=00:00:00.200",
            "--Dispatch:BaseBackoff=00:00:00.100",
            "--Dispatch:IdleDelay=00:00:00.050",
            $"--Providers:PayPal:BaseUrl={Base("paypal")}",
            $"--Providers:PayPal:ClientId={settings.PayPal.ClientId}",
            $"--Providers:PayPal:ClientSecret={settings.PayPal.ClientSecret}",
            $"--Providers:PayPal:WebhookId={settings.PayPal.WebhookId}",
            "--Providers:PayPal:AuthorizeUrl=signin/authorize",
            $"--Providers:Payoneer:BaseUrl={Base("payoneer")}",
            "--Providers:Payoneer:OAuthTokenUrl=oauth2/token",
            $"--Providers:Payoneer:ProgramId={settings.Payoneer.ProgramId}",
            $"--Providers:Payoneer:ClientId={settings.Payoneer.ClientId}",
            $"--Providers:Payoneer:ClientSecret={settings.Payoneer.ClientSecret}",
            $"--Providers:Payoneer:IpcnSecret={settings.Payoneer.IpcnSecret}",
            $"--Providers:Tipalti:BaseUrl={Base("tipalti")}",
            "--Providers:Tipalti:IpnVerifyUrl=notif/ipn.aspx",
            $"--Providers:Tipalti:PayerName={settings.Tipalti.PayerName}",
            $"--Providers:Tipalti:MasterKey={settings.Tipalti.MasterKey}",
            $"--Providers:Tupay:BaseUrl={Base("tupay")}",
            $"--Providers:Tupay:Login={settings.Tupay.Login}",
            $"--Providers:Tupay:Pass={settings.Tupay.Pass}",
            $"--Providers:Tupay:ApiSignature={settings.Tupay.ApiSignature}",
            $"--Providers:Tupay:NotificationUrl={new Uri(http, "notifications/tupay")}",
            "--Providers:Tupay:RequireHttpsNotificationUrl=false",
            .. service];
        try
        {
            return new ProvidersHost(server, arguments, await TestHosts.StartPayoutsAsync(arguments), http);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the service and starts it again on the same database file and sandboxes, as a redeploy or crash would.</summary>
    public async Task RestartServiceAsync()
    {
        Grpc.Dispose();
        await _service.DisposeAsync();
        _service = await TestHosts.StartPayoutsAsync(_arguments);
        Grpc = new GrpcCall(_service.Port);
    }

    public async Task FundAsync(string user, long amount, string currency = "USD")
    {
        var credit = await Grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { UserId = user, Amount = amount, Currency = currency, Reference = $"earning-{user}-{currency}" }, EarningsService);
        credit.Status.Should().Be(0, credit.Message);
    }

    /// <summary>A merchant token made the way `merchant-token create` makes it.</summary>
    public async Task<string> MerchantTokenAsync(string merchant, params string[] permissions)
    {
        await using var scope = _service.App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<Payouts.Application.Common.Messaging.IUseCases>()
            .SendAsync(new Payouts.Application.Merchants.Commands.CreateMerchantToken.CreateMerchantTokenCommand(merchant, permissions, "test"), CancellationToken.None);
        return created.Value.Token;
    }


    public Task<UnaryResult<LinkCashoutMethodResponse>> LinkAsync(string user, LinkCashoutMethodRequest request) =>
        Grpc.UnaryAsync<LinkCashoutMethodResponse>(Link, request, TestTokens.For(user));

    public Task<UnaryResult<UnlinkCashoutMethodResponse>> UnlinkAsync(string user, string provider) =>
        Grpc.UnaryAsync<UnlinkCashoutMethodResponse>(Unlink, new UnlinkCashoutMethodRequest { Provider = provider }, TestTokens.For(user));

    public async Task<CashoutMethod?> MethodAsync(string user, string provider)
    {
        var list = await Grpc.UnaryAsync<ListCashoutMethodsResponse>(ListMethods, new ListCashoutMethodsRequest(), TestTokens.For(user));
        list.Status.Should().Be(0, list.Message);
        return list.Response!.CashoutMethods.SingleOrDefault(m => m.Provider == provider);
    }

    /// <summary>Follows the link the way the user's browser would: to the provider, which redirects back to our callback.</summary>
    public async Task<(HttpStatusCode Status, string Page)> CompleteLinkInBrowserAsync(string link)
    {
        using var atProvider = await Browser.GetAsync(new Uri(link));
        atProvider.StatusCode.Should().Be(HttpStatusCode.Redirect, "the provider sends the user back to us");
        var callback = atProvider.Headers.Location!;
        callback.GetLeftPart(UriPartial.Authority).Should().Be(Http.GetLeftPart(UriPartial.Authority));
        using var back = await Browser.GetAsync(callback);
        return (back.StatusCode, await back.Content.ReadAsStringAsync());
    }

    public async Task<UnaryResult<ProcessCashoutResponse>> CashoutAsync(string user, string provider, long amount) =>
        await Grpc.UnaryAsync<ProcessCashoutResponse>(CashoutHost.ProcessCashout, new ProcessCashoutRequest { Type = provider, Amount = amount }, TestTokens.For(user));

    public async Task<Cashout> CashoutStatusAsync(string user, long id)
    {
        var get = await Grpc.UnaryAsync<GetCashoutResponse>(CashoutHost.GetCashout, new GetCashoutRequest { CashoutId = id }, TestTokens.For(user));
        get.Status.Should().Be(0, get.Message);
        return get.Response!.Cashout;
    }

    public async Task<GetBalanceResponse> BalanceAsync(string user)
    {
        var balance = await Grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For(user));
        return balance.Response!;
    }

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object?>()) + "]"
        : value?.ToString() ?? "null";

    /// <summary>Waits, with a deadline, until <paramref name="done"/> holds.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {Describe(value)}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        Grpc.Dispose();
        await _service.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
