using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Payoneer;

/// <summary>
/// Stands where the service's notification endpoint stands: records each IPCN the sandbox posts, exactly as
/// received (full URL, method, lowercase headers, raw body), so the tests hand the verifier what it would get.
/// </summary>
public sealed class NotificationInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<ProviderNotification> _received = new();
    private WebApplication? _app;

    /// <summary>The base the sandbox posts under: {BaseUrl}payoneer/{event-slug}.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ProviderNotification> Received => [.. _received];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
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

    /// <summary>Waits until a notification posted to a URL ending in <paramref name="slug"/> arrived (or the deadline passed).</summary>
    public async Task<IReadOnlyList<ProviderNotification>> WaitForAsync(string slug, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var matching = Received.Where(n => n.Url.AbsolutePath.EndsWith("/" + slug, StringComparison.Ordinal)).ToList();
            if (matching.Count >= count || DateTime.UtcNow > deadline)
            {
                return matching;
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
