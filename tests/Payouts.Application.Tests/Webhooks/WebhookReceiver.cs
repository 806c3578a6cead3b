using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Payouts.Application.Tests.Webhooks;

/// <summary>
/// A merchant's webhook endpoint on 127.0.0.1: records each POST to /hooks/... exactly as received and
/// answers as <see cref="Respond"/> says. /moved counts requests, to prove redirects are not followed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private int _redirectTargetHits;

    public Uri Url { get; private set; } = null!;

    public Func<ReceivedWebhook, CancellationToken, Task<IResult>> Respond { get; set; } = (_, _) => Task.FromResult(Results.Ok());

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public int RedirectTargetHits => Volatile.Read(ref _redirectTargetHits);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        _app = builder.Build();
        _app.MapPost("/hooks/{**rest}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var received = new ReceivedWebhook(http.Request.Path, headers, body.ToArray());
            _received.Enqueue(received);
            return await Respond(received, http.RequestAborted);
        });
        _app.Map("/moved", () =>
        {
            Interlocked.Increment(ref _redirectTargetHits);
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address + "/hooks/merchant");
    }

    /// <summary>Waits until <paramref name="count"/> webhooks arrived; fails after 10 s.</summary>
    public async Task WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_received.Count} of {count} expected webhooks arrived.");
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

public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>Our payout id, from the event's public "pay_&lt;id&gt;".</summary>
    public long PayoutId => global::Payouts.Application.Payouts.PublicPayoutIds.TryParse(Json.GetProperty("id").GetString(), out var id) ? id : throw new FormatException("Not a payout id.");

    public long Sequence => Json.GetProperty("sequence").GetInt64();

    private JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
