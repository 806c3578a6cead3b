using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>Stands where the service's notification endpoint stands, and keeps what Tupay posted, byte for byte.</summary>
public sealed class TupayNotificationInbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TupayNotificationInbox(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ProviderNotification> Received { get; } = new();

    public static async Task<TupayNotificationInbox> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        TupayNotificationInbox? inbox = null;
        app.MapPost("/notifications/tupay", new Func<HttpContext, Task<IResult>>(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var url = new Uri(http.Request.Scheme + "://" + http.Request.Host + http.Request.Path + http.Request.QueryString);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            inbox!.Received.Enqueue(new ProviderNotification(url, http.Request.Method, headers, buffer.ToArray()));
            return Results.Ok();
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        inbox = new TupayNotificationInbox(app, new Uri(address + "/notifications/tupay"));
        return inbox;
    }

    /// <summary>Waits until at least <paramref name="count"/> notifications arrived.</summary>
    public async Task<IReadOnlyList<ProviderNotification>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Received.Count.Should().BeGreaterThanOrEqualTo(count);
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
