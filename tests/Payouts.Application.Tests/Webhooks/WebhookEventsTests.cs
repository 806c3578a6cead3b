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
        delivery.Should().Be(new DeliveryState("Pending", 0, bed.Clock.GetUtcNow(), null, null, bed.Clock.GetUtcNow()));
        using var connection = bed.Harness.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MerchantId, EventType, Url, Payload FROM WebhookDeliveries WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();
        reader.GetString(0).Should().Be(WebhookTestBed.Merchant);
        reader.GetString(1).Should().Be(WebhookEvents.Succeeded);
        reader.GetString(2).Should().Be(bed.Receiver.Url.AbsoluteUri);
        reader.GetString(3).Should().Be("""{"type":"payout.succeeded","id":"pay_42","sequence":3,"createdAt":"2026-11-21T12:00:00Z","data":{"status":"succeeded"}}""");
    }

    [Fact]
    public async Task The_same_sequence_twice_for_a_payout_fails_the_unit()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        await bed.QueueAsync(payoutId: 42, sequence: 3);

        var again = () => bed.QueueAsync(payoutId: 42, sequence: 3);

        await again.Should().ThrowAsync<Exception>();
        bed.Harness.Scalar("SELECT count(*) FROM WebhookDeliveries").Should().Be(1);
    }

    [Fact]
    public async Task A_newer_event_supersedes_older_ones_not_yet_delivered()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var processing = await bed.QueueAsync(payoutId: 42, sequence: 2);
        var otherPayout = await bed.QueueAsync(payoutId: 43, sequence: 1);

        var succeeded = await bed.QueueAsync(payoutId: 42, sequence: 3);

        bed.Delivery(processing).Status.Should().Be("Abandoned", "a final status never waits behind a stale one");
        bed.Delivery(succeeded).Status.Should().Be("Pending");
        bed.Delivery(otherPayout).Status.Should().Be("Pending");
    }

    [Fact]
    public void A_relative_url_is_refused()
    {
        var events = new WebhookEvents(TimeProvider.System);

        var queue = () => events.Queue(null!, "m1", new Domain.Payouts.PayoutId(1), 1, WebhookEvents.Succeeded, new Uri("/hooks", UriKind.Relative), new { });

        queue.Should().Throw<ArgumentException>();
    }
}
