using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>Stands where the service's notification endpoint stands, and keeps each IPN exactly as it arrived.</summary>
internal sealed class IpnInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<ProviderNotification> _received = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyCollection<ProviderNotification> Received => _received;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/notifications/{provider}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var url = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}");
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _received.Enqueue(new ProviderNotification(url, http.Request.Method, headers, body.ToArray()));
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address + "/notifications/");
    }

    /// <summary>Waits until an IPN matching <paramref name="match"/> has arrived; fails the test after 5 s.</summary>
    public async Task<ProviderNotification> WaitForAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var found = _received.FirstOrDefault(n => match(System.Text.Encoding.UTF8.GetString(n.Body.Span)));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching IPN arrived.");
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
