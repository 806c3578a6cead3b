using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Infrastructure;

/// <summary>
/// Stands where the service's notification endpoint stands: records each notification a sandbox posts
/// under /notifications/, exactly as received (full URL, method, lowercase headers, raw body), so the
/// tests hand a verifier what the service would.
/// </summary>
public sealed class NotificationInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<ProviderNotification> _received = new();
    private WebApplication? _app;

    /// <summary>e.g. http://127.0.0.1:PORT/notifications/ — a sandbox posts to {BaseUrl}{provider}[/event].</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ProviderNotification> Received => [.. _received];

    public static string BodyOf(ProviderNotification notification) => Encoding.UTF8.GetString(notification.Body.Span);

    /// <param name="port">0 picks a free one.</param>
    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddRouting();
        _app = builder.Build();
        _app.MapPost("/notifications/{**rest}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _received.Enqueue(new ProviderNotification(new Uri(http.Request.GetEncodedUrl()), http.Request.Method, headers, body.ToArray()));
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address + "/notifications/");
    }

    /// <summary>Waits until <paramref name="count"/> notifications matching <paramref name="match"/> arrived; fails after 10 s.</summary>
    public async Task<IReadOnlyList<ProviderNotification>> WaitForAsync(Func<ProviderNotification, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var matching = Received.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{matching.Count} of {count} expected notifications arrived.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
