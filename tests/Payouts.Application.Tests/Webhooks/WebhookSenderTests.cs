using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

public sealed class WebhookSenderTests
{
    [Fact]
    public async Task Delivers_the_exact_payload_over_http_with_headers_that_verify()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var id = await bed.QueueAsync(payoutId: 101, sequence: 1);
        var payload = bed.Delivery(id).Payload;

        (await bed.PumpAsync()).Should().Be(1);

        var received = bed.Receiver.Received.Should().ContainSingle().Subject;
        received.Header("content-type").Should().Be("application/json");
        received.Header(StandardWebhooks.IdHeader).Should().Be($"msg_{id}");
        received.Header(StandardWebhooks.TimestampHeader).Should().Be(bed.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        received.Body.Should().Equal(Encoding.UTF8.GetBytes(payload), "the body is the stored payload, byte for byte");
        Encoding.UTF8.GetString(received.Body).Should().StartWith("""{"type":"payout.succeeded","id":"pay_101","sequence":1,""");

        // Both tokens sign (rotation): a merchant holding either one verifies, with our verifier or the README's code.
        received.Header(StandardWebhooks.SignatureHeader).Split(' ').Should().HaveCount(2);
        foreach (var token in WebhookTestBed.Tokens)
        {
            StandardWebhooks.Verify(
                    received.Header(StandardWebhooks.IdHeader), received.Header(StandardWebhooks.TimestampHeader), received.Header(StandardWebhooks.SignatureHeader),
                    received.Body, [StandardWebhooks.KeyFromToken(token)], bed.Clock.GetUtcNow())
                .Should().Be(WebhookVerification.Valid);
            WebhookCheck.IsAuthentic(
                    token, received.Header(StandardWebhooks.IdHeader), received.Header(StandardWebhooks.TimestampHeader), received.Header(StandardWebhooks.SignatureHeader),
                    received.Body, bed.Clock.GetUtcNow())
                .Should().BeTrue();
        }

        var delivery = bed.Delivery(id);
        delivery.Status.Should().Be(WebhookDeliveryStatus.Delivered);
        delivery.DeliveredAt.Should().Be(bed.Clock.GetUtcNow());
        delivery.NextAttemptAt.Should().BeNull();
        bed.Attempts(id).Should().ContainSingle().Which.StatusCode.Should().Be(200);

        (await bed.PumpAsync()).Should().Be(0, "a delivered webhook is never sent again");
        bed.Receiver.Received.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_doubling_backoff_and_every_attempt_is_recorded()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var answers = new Queue<int>([500, 503, 204]);
        bed.Receiver.Respond = (_, _) => Task.FromResult(Results.StatusCode(answers.Dequeue()));
        var id = await bed.QueueAsync(payoutId: 102, sequence: 1);

        await bed.PumpAsync();
        var first = bed.Delivery(id);
        first.Status.Should().Be(WebhookDeliveryStatus.Pending);
        first.LastError.Should().Be("HTTP 500");
        first.NextAttemptAt.Should().BeOnOrAfter(bed.Clock.GetUtcNow().AddSeconds(5)).And.BeOnOrBefore(bed.Clock.GetUtcNow().AddSeconds(10));
        (await bed.PumpAsync()).Should().Be(0, "the retry is not due yet");

        bed.Clock.Advance(first.NextAttemptAt!.Value - bed.Clock.GetUtcNow());
        await bed.PumpAsync();
        var second = bed.Delivery(id);
        second.Attempts.Should().Be(2);
        second.NextAttemptAt.Should().BeOnOrAfter(bed.Clock.GetUtcNow().AddSeconds(10)).And.BeOnOrBefore(bed.Clock.GetUtcNow().AddSeconds(20));

        bed.Clock.Advance(second.NextAttemptAt!.Value - bed.Clock.GetUtcNow());
        await bed.PumpAsync();

        bed.Delivery(id).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        bed.Attempts(id).Select(a => a.StatusCode).Should().Equal(500, 503, 204);
        bed.Receiver.Received.Select(r => r.Header(StandardWebhooks.IdHeader)).Should().AllBe($"msg_{id}", "the id is stable across retries");
        bed.Receiver.Received.Select(r => long.Parse(r.Header(StandardWebhooks.TimestampHeader), System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each attempt is signed at its own time");
    }

    [Fact]
    public async Task A_timeout_is_a_failed_attempt_retried_later()
    {
        await using var bed = await WebhookTestBed.StartAsync(new() { ["Webhooks:Timeout"] = "00:00:00.300" });
        bed.Receiver.Respond = async (_, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        };
        var id = await bed.QueueAsync(payoutId: 103, sequence: 1);

        await bed.PumpAsync();

        var attempt = bed.Attempts(id).Should().ContainSingle().Subject;
        attempt.StatusCode.Should().BeNull();
        attempt.Error.Should().Be("no answer within 0.3 s");
        attempt.Duration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.BeLessThan(TimeSpan.FromSeconds(5));
        bed.Delivery(id).Should().Match<WebhookDelivery>(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt > bed.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_attempt_retried_later()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var id = await bed.QueueAsync(payoutId: 104, sequence: 1, url: new Uri($"http://127.0.0.1:{ClosedPort()}/hooks/merchant"));

        await bed.PumpAsync();

        var attempt = bed.Attempts(id).Should().ContainSingle().Subject;
        attempt.StatusCode.Should().BeNull();
        attempt.Error.Should().Be("request failed: ConnectionError");
        bed.Delivery(id).Should().Match<WebhookDelivery>(d => d.Status == WebhookDeliveryStatus.Pending && d.Attempts == 1 && d.NextAttemptAt > bed.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_redirect_is_not_a_delivery_and_is_not_followed()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        bed.Receiver.Respond = (_, _) => Task.FromResult(Results.Redirect("/moved", permanent: false, preserveMethod: true));
        var id = await bed.QueueAsync(payoutId: 105, sequence: 1);

        await bed.PumpAsync();

        bed.Attempts(id).Should().ContainSingle().Which.StatusCode.Should().Be(307);
        bed.Delivery(id).Should().Match<WebhookDelivery>(d => d.Status == WebhookDeliveryStatus.Pending && d.LastError == "HTTP 307");
        bed.Receiver.RedirectTargetHits.Should().Be(0);
    }

    [Fact]
    public async Task Without_an_active_token_nothing_is_sent_unsigned()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var id = await bed.QueueAsync(payoutId: 106, sequence: 1, merchant: "m-without-tokens");

        await bed.PumpAsync();

        bed.Receiver.Received.Should().BeEmpty();
        bed.Attempts(id).Should().ContainSingle().Which.Error.Should().Contain("no active token");
        bed.Delivery(id).Status.Should().Be(WebhookDeliveryStatus.Pending);
    }

    [Fact]
    public async Task A_later_event_waits_while_an_earlier_one_of_the_same_payout_is_being_sent()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var (first, held, sending) = await SendHeldFirstEventAsync(bed, payoutId: 201);

        var second = await bed.QueueAsync(payoutId: 201, sequence: 2);
        var otherPayout = await bed.QueueAsync(payoutId: 202, sequence: 1);
        bed.Delivery(first).Status.Should().Be(WebhookDeliveryStatus.Sending, "an event being sent is not superseded under its sender");
        (await bed.PumpAsync()).Should().Be(1, "only the other payout's event is due");
        bed.Delivery(otherPayout).Status.Should().Be(WebhookDeliveryStatus.Delivered, "another payout's events are not held up");
        bed.Delivery(second).Attempts.Should().Be(0);

        held.Answer(Results.Ok());
        await sending;
        await bed.PumpAsync();

        bed.Delivery(first).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        bed.Delivery(second).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        bed.Receiver.Received.Where(r => r.PayoutId == 201).Select(r => r.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task An_earlier_event_that_fails_while_a_later_one_waits_is_given_up_and_the_later_one_goes_out_at_once()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var (first, held, sending) = await SendHeldFirstEventAsync(bed, payoutId: 211);
        var second = await bed.QueueAsync(payoutId: 211, sequence: 2);

        held.Answer(Results.StatusCode(500));
        await sending;
        (await bed.PumpAsync()).Should().Be(1, "the later event does not wait out the earlier one's backoff");
        bed.Delivery(second).Status.Should().Be(WebhookDeliveryStatus.Delivered);

        bed.Clock.Advance(bed.Delivery(first).NextAttemptAt!.Value - bed.Clock.GetUtcNow());
        await bed.PumpAsync();

        bed.Delivery(first).Should().Match<WebhookDelivery>(d => d.Status == WebhookDeliveryStatus.Abandoned && d.LastError!.StartsWith("superseded", StringComparison.Ordinal));
        bed.Receiver.Received.Where(r => r.PayoutId == 211).Select(r => r.Sequence).Should().Equal([1, 2], "a superseded event is never sent again");
    }

    [Fact]
    public async Task An_event_a_dead_sender_held_stops_holding_back_the_later_one_when_its_lease_ends()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var first = await bed.QueueAsync(payoutId: 221, sequence: 1);
        var now = bed.Clock.GetUtcNow();
        var lease = bed.Harness.Service<WebhookOptions>().InFlightLease;
        var claimed = await bed.Harness.Service<IUnitOfWork>().ExecuteAsync(
            session => Result<bool>.Success(session.Webhooks.Claim(first, bed.Delivery(first).NextAttemptAt!.Value, now + lease, now)), CancellationToken.None);
        claimed.Value.Should().BeTrue("another replica claims it, and dies");
        var second = await bed.QueueAsync(payoutId: 221, sequence: 2);

        (await bed.PumpAsync()).Should().Be(0, "the claimed event is not due and the later one waits for it");
        bed.Clock.Advance(lease - TimeSpan.FromMilliseconds(1));
        (await bed.PumpAsync()).Should().Be(0, "the lease has not ended");
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await bed.PumpAsync();

        bed.Delivery(first).Status.Should().Be(WebhookDeliveryStatus.Abandoned, "a newer event replaces the one the dead sender held");
        bed.Delivery(second).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        bed.Receiver.Received.Select(r => r.Sequence).Should().Equal(2);
    }

    [Fact]
    public async Task Retries_for_three_days_then_abandons()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        bed.Receiver.Respond = (hook, _) => Task.FromResult(Results.StatusCode(500));
        var first = await bed.QueueAsync(payoutId: 301, sequence: 1);
        var createdAt = bed.Clock.GetUtcNow();

        for (var i = 0; i < 500 && bed.Delivery(first).NextAttemptAt is { } next; i++)
        {
            bed.Clock.Advance(next - bed.Clock.GetUtcNow());
            await bed.PumpAsync();
        }

        var abandoned = bed.Delivery(first);
        abandoned.Status.Should().Be(WebhookDeliveryStatus.Abandoned);
        abandoned.LastError.Should().Be("HTTP 500");
        var attempts = bed.Attempts(first);
        attempts.Should().HaveCount(abandoned.Attempts);
        attempts[^1].AttemptedAt.Should().Be(createdAt.AddDays(3), "the last retry is at exactly the maximum age");
        attempts.SkipLast(1).Should().OnlyContain(a => a.AttemptedAt < createdAt.AddDays(3));
        attempts.Zip(attempts.Skip(1), (a, b) => b.AttemptedAt - a.AttemptedAt).Should().OnlyContain(gap => gap <= TimeSpan.FromHours(1), "backoff is capped at MaxBackoff");
        attempts.Count.Should().BeInRange(72, 160, "hourly at worst for three days, plus the doubling start");
    }

    [Fact]
    public async Task The_background_loop_sends_each_payouts_events_one_at_a_time_in_order_ending_with_the_latest()
    {
        await using var bed = await WebhookTestBed.StartAsync(new() { ["Webhooks:IdleDelay"] = "00:00:00.020", ["Webhooks:Concurrency"] = "4" });
        var inFlight = new ConcurrentDictionary<long, int>();
        var overlaps = 0;
        bed.Receiver.Respond = async (hook, aborted) =>
        {
            if (inFlight.AddOrUpdate(hook.PayoutId, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(30, aborted); // slow enough that later events are queued while earlier ones are in flight
            inFlight.AddOrUpdate(hook.PayoutId, 0, (_, n) => n - 1);
            return Results.Ok();
        };

        await bed.Sender.StartAsync(CancellationToken.None);
        try
        {
            // Events queued as payouts move on, while their earlier events are still being sent.
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                for (var payout = 401; payout <= 405; payout++)
                {
                    await bed.QueueAsync(payout, sequence);
                }

                await Task.Delay(10);
            }

            // The receiver sees the last POST before the sender has read the answer and recorded it;
            // stopping in between would cancel that attempt and leave it pending (at least once, by design).
            await Poll.UntilAsync(() => !bed.Harness.Stored.WebhookDeliveries().Any(d => d.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Sending));
        }
        finally
        {
            await bed.Sender.StopAsync(CancellationToken.None);
        }

        overlaps.Should().Be(0, "a merchant never has two events of one payout in flight");
        var received = bed.Receiver.Received;
        foreach (var payout in received.GroupBy(r => r.PayoutId))
        {
            payout.Select(r => r.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.EndWith(3);
        }

        var deliveries = bed.Harness.Stored.WebhookDeliveries();
        received.Select(r => r.Header(StandardWebhooks.IdHeader)).Should().BeEquivalentTo(
            deliveries.Where(d => d.Status == WebhookDeliveryStatus.Delivered).Select(d => StandardWebhooks.MessageId(d.Id)), "each delivered event was sent once");
        // Which events were superseded unsent depends on timing (possibly none); every other one was delivered.
        deliveries.Where(d => d.Status != WebhookDeliveryStatus.Delivered)
            .Where(d => !(d.Status == WebhookDeliveryStatus.Abandoned && d.Attempts == 0 && d.LastError!.StartsWith("superseded", StringComparison.Ordinal)))
            .Should().BeEmpty("an event is either delivered or superseded before it was sent");
        received.Select(r => r.PayoutId).Distinct().Should().HaveCount(5);
    }

    /// <summary>
    /// Queues the payout's sequence 1 and starts a pass that sends it, the receiver holding its answer until the test
    /// gives one; returns once the POST arrived, with the delivery's id and the pass still running.
    /// </summary>
    private static async Task<(long Id, HeldAnswer Held, Task<int> Sending)> SendHeldFirstEventAsync(WebhookTestBed bed, long payoutId)
    {
        var held = new HeldAnswer();
        bed.Receiver.Respond = (hook, _) => hook.PayoutId == payoutId && hook.Sequence == 1 ? held.Wait() : Task.FromResult(Results.Ok());
        var id = await bed.QueueAsync(payoutId, sequence: 1);
        var sending = bed.PumpAsync();
        await held.Arrived;
        return (id, held, sending);
    }

    private sealed class HeldAnswer
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<IResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Arrived => _arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public Task<IResult> Wait()
        {
            _arrived.TrySetResult();
            return _answer.Task;
        }

        public void Answer(IResult result) => _answer.SetResult(result);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
