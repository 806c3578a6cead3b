using Microsoft.Extensions.Configuration;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

/// <summary>
/// The service's persistence and webhook sender (registered by AddWebhooks; no host starts its loop) on a
/// fresh SQLite file, a local receiver, and merchant "m1" holding two tokens (mid-rotation).
/// </summary>
internal sealed class WebhookTestBed : IAsyncDisposable
{
    public const string Merchant = "m1";
    public static readonly string[] Tokens = ["tk_test_old", "tk_test_new"];

    private WebhookTestBed(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Webhooks:AllowPrivateNetworks", "true"); // the receiver is on loopback
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Harness = new UseCaseHarness(configure: services =>
        {
            services.AddWebhooks(configuration);
            services.AddSingleton<IMerchantSigningKeys>(Keys);
        });
    }

    public UseCaseHarness Harness { get; }

    public FakeClock Clock => Harness.Clock;

    public WebhookReceiver Receiver { get; } = new();

    public FakeSigningKeys Keys { get; } = new(new Dictionary<string, string[]> { [Merchant] = Tokens });

    public WebhookSender Sender => Harness.Service<WebhookSender>();

    public static async Task<WebhookTestBed> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var bed = new WebhookTestBed(settings ?? []);
        await bed.Receiver.StartAsync();
        return bed;
    }

    /// <summary>One sender pass at the fake clock's time; returns how many deliveries were due.</summary>
    public Task<int> PumpAsync() => Sender.PumpOnceAsync(CancellationToken.None);

    /// <summary>Queues an event the way the payout code will, in its own unit of work; returns the delivery id.</summary>
    public async Task<long> QueueAsync(long payoutId, long sequence, Uri? url = null, string merchant = Merchant)
    {
        var result = await Harness.Service<IUnitOfWork>().ExecuteAsync(
            session =>
            {
                Harness.Service<WebhookEvents>().Queue(
                    session.Webhooks, merchant, new PayoutId(payoutId), sequence, WebhookEvents.Succeeded, url ?? Receiver.Url, new { status = "succeeded" });
                return Result<bool>.Success(true);
            },
            CancellationToken.None);
        result.IsSuccess.Should().BeTrue();
        return Harness.Stored.WebhookDeliveries().Single(d => d.PayoutId == payoutId && d.Sequence == sequence).Id;
    }

    public WebhookDelivery Delivery(long id) => Harness.Stored.WebhookDelivery(id);

    public IReadOnlyList<WebhookAttempt> Attempts(long deliveryId) => Harness.Stored.WebhookAttempts(deliveryId);

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Harness.DisposeAsync();
    }
}

/// <summary>Merchant tokens in the clear; the port answers their SHA-256, as the real token store will.</summary>
public sealed class FakeSigningKeys(Dictionary<string, string[]> tokens) : IMerchantSigningKeys
{
    public Task<IReadOnlyList<byte[]>> KeysForAsync(string merchantId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<byte[]>>(tokens.TryGetValue(merchantId, out var held) ? held.Select(StandardWebhooks.KeyFromToken).ToList() : []);
}
