using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Webhooks;

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
    public async Task A_later_event_waits_until_the_earlier_one_of_the_same_payout_is_delivered()
    {
        await using var bed = await WebhookTestBed.StartAsync();
        var failedOnce = false;
        bed.Receiver.Respond = (hook, _) =>
        {
            var fail = hook.PayoutId == 201 && hook.Sequence == 1 && !failedOnce;
            failedOnce |= fail;
            return Task.FromResult(fail ? Results.StatusCode(500) : Results.Ok());
        };

        // Sequence 2 is queued first, so only the ordering rule (not insertion order) holds it back.
        var second = await bed.QueueAsync(payoutId: 201, sequence: 2);
        var first = await bed.QueueAsync(payoutId: 201, sequence: 1);
        var otherPayout = await bed.QueueAsync(payoutId: 202, sequence: 1);

        (await bed.PumpAsync()).Should().Be(2);
        bed.Delivery(otherPayout).Status.Should().Be(WebhookDeliveryStatus.Delivered, "another payout's events are not held up");
        bed.Delivery(second).Attempts.Should().Be(0);

        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        await bed.PumpAsync();
        bed.Delivery(first).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        await bed.PumpAsync();

        bed.Delivery(second).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        bed.Receiver.Received.Where(r => r.PayoutId == 201).Select(r => r.Sequence).Should().Equal(1, 1, 2);
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
    public async Task The_background_loop_delivers_everything_once_and_in_order_per_payout()
    {
        await using var bed = await WebhookTestBed.StartAsync(new() { ["Webhooks:IdleDelay"] = "00:00:00.020", ["Webhooks:Concurrency"] = "4" });
        // Queued last sequence first: insertion order would send them backwards.
        var ids = new List<long>();
        for (var payout = 401; payout <= 405; payout++)
        {
            for (var sequence = 3; sequence >= 1; sequence--)
            {
                ids.Add(await bed.QueueAsync(payout, sequence));
            }
        }

        await bed.Sender.StartAsync(CancellationToken.None);
        try
        {
            await bed.Receiver.WaitForAsync(15);

            // The receiver sees the last POST before the sender has read the answer and recorded it;
            // stopping in between would cancel that attempt and leave it pending (at least once, by design).
            await Poll.UntilAsync(() => ids.All(id => bed.Delivery(id).Status == WebhookDeliveryStatus.Delivered));
        }
        finally
        {
            await bed.Sender.StopAsync(CancellationToken.None);
        }

        bed.Receiver.Received.Select(r => r.Header(StandardWebhooks.IdHeader)).Should().OnlyHaveUniqueItems().And.HaveCount(15);
        foreach (var payout in bed.Receiver.Received.GroupBy(r => r.PayoutId))
        {
            payout.Select(r => r.Sequence).Should().Equal(1, 2, 3);
        }

        ids.Select(bed.Delivery).Should().OnlyContain(d => d.Status == WebhookDeliveryStatus.Delivered);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
