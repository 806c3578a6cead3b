using Payouts.Application.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

public sealed class WebhookEventsTests
{
    [Fact]
    public async Task Queues_a_pending_delivery_due_now_with_the_documented_payload()
    {
        await using var bed = await WebhookTestBed.StartAsync();

        var id = await bed.QueueAsync(payoutId: 42, sequence: 3);

        var delivery = bed.Delivery(id);
        delivery.Should().BeEquivalentTo(new
        {
            Status = WebhookDeliveryStatus.Pending,
            Attempts = 0,
            NextAttemptAt = bed.Clock.GetUtcNow(),
            DeliveredAt = (DateTimeOffset?)null,
            LastError = (string?)null,
            CreatedAt = bed.Clock.GetUtcNow(),
            MerchantId = WebhookTestBed.Merchant,
            EventType = WebhookEvents.Succeeded,
            Url = bed.Receiver.Url,
            Payload = """{"type":"payout.succeeded","id":"pay_42","sequence":3,"createdAt":"2026-11-21T12:00:00Z","data":{"status":"succeeded"}}""",
        });
    }

    [Fact]
    public async Task The_same_sequence_twice_for_a_payout_fails_the_unit()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        await bed.QueueAsync(payoutId: 42, sequence: 3);

        var again = () => bed.QueueAsync(payoutId: 42, sequence: 3);

        await again.Should().ThrowAsync<Exception>();
        bed.Harness.Stored.WebhookDeliveries().Should().ContainSingle();
    }

    [Fact]
    public async Task A_newer_event_supersedes_older_ones_not_yet_delivered()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var processing = await bed.QueueAsync(payoutId: 42, sequence: 2);
        var otherPayout = await bed.QueueAsync(payoutId: 43, sequence: 1);

        var succeeded = await bed.QueueAsync(payoutId: 42, sequence: 3);

        bed.Delivery(processing).Status.Should().Be(WebhookDeliveryStatus.Abandoned, "a final status never waits behind a stale one");
        bed.Delivery(succeeded).Status.Should().Be(WebhookDeliveryStatus.Pending);
        bed.Delivery(otherPayout).Status.Should().Be(WebhookDeliveryStatus.Pending);
    }

    [Fact]
    public void A_relative_url_is_refused()
    {
        var events = new WebhookEvents(TimeProvider.System);

        var queue = () => events.Queue(null!, "m1", new Domain.Payouts.PayoutId(1), 1, WebhookEvents.Succeeded, new Uri("/hooks", UriKind.Relative), new { });

        queue.Should().Throw<ArgumentException>();
    }
}
