using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// An HTTP forwarder between one service process and the sandboxes. While <see cref="Holding"/>, each request is still
/// forwarded, so the sandbox acts on it (a submission is accepted and paid), but its answer never comes back: a service
/// killed then dies not knowing the outcome of its calls, the case ADR-004 resolves by asking the provider first.
/// </summary>
internal sealed class HoldingProxy(Uri upstream) : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Transfer-Encoding", "Connection" };
    private readonly HttpClient _upstream = new() { BaseAddress = upstream };
    private WebApplication? _app;
    private int _held;
    private volatile bool _holding;

    public Uri Url { get; private set; } = null!;

    public bool Holding
    {
        get => _holding;
        set => _holding = value;
    }

    /// <summary>Answers forwarded and kept back since <see cref="Holding"/> was set.</summary>
    public int Held => Volatile.Read(ref _held);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ForwardAsync);
        await _app.StartAsync();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    private async Task ForwardAsync(HttpContext http)
    {
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path.Value!.TrimStart('/') + http.Request.QueryString);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in http.Request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request);
        if (_holding)
        {
            Interlocked.Increment(ref _held);
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        http.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type)
        {
            http.Response.ContentType = type.ToString();
        }

        await response.Content.CopyToAsync(http.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _upstream.Dispose();
    }
}
