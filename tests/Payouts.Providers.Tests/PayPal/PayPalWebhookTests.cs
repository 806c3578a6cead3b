using System.Text;
using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.PayPal;

namespace Payouts.Providers.Tests.PayPal;

public class PayPalWebhookTests : PayPalTestBase
{
    [Fact]
    public async Task Every_event_of_a_completed_payout_verifies_and_names_the_payout()
    {
        var payout = NewPayout();
        var webhooks = await WebhooksOfCompletedPayoutAsync(payout);

        webhooks.Select(w => w.EventType).Should().Contain(["PAYMENT.PAYOUTSBATCH.PROCESSING", "PAYMENT.PAYOUTS-ITEM.SUCCEEDED", "PAYMENT.PAYOUTSBATCH.SUCCESS"]);
        foreach (var webhook in webhooks)
        {
            var verified = await Verifier.VerifyAsync(AsReceived(webhook), CancellationToken.None);

            verified.IsSuccess.Should().BeTrue(verified.Failure?.Message);
            verified.Value!.PayoutIds.Should().Equal(payout.PayoutId);
        }
    }

    [Fact]
    public async Task The_same_event_delivered_twice_verifies_both_times()
    {
        var payout = NewPayout();
        var webhook = (await WebhooksOfCompletedPayoutAsync(payout))[^1];

        var first = await Verifier.VerifyAsync(AsReceived(webhook), CancellationToken.None);
        var second = await Verifier.VerifyAsync(AsReceived(webhook), CancellationToken.None);

        first.Value!.PayoutIds.Should().Equal(payout.PayoutId);
        second.Value!.PayoutIds.Should().Equal(payout.PayoutId);
    }

    [Fact]
    public async Task Forged_signature_is_refused()
    {
        var webhook = (await WebhooksOfCompletedPayoutAsync(NewPayout()))[^1];
        var forged = AsReceived(webhook, tamper: h => h["paypal-transmission-sig"] = Convert.ToBase64String(new byte[32]));

        var verified = await Verifier.VerifyAsync(forged, CancellationToken.None);

        verified.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task Body_changed_after_signing_is_refused()
    {
        var payout = NewPayout();
        var webhook = (await WebhooksOfCompletedPayoutAsync(payout))[^1];
        var otherPayout = (payout.PayoutId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webhook.Body).Replace(Key(payout), otherPayout, StringComparison.Ordinal));

        var verified = await Verifier.VerifyAsync(AsReceived(webhook, tampered), CancellationToken.None);

        verified.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task Signature_of_another_event_is_refused()
    {
        var webhooks = await WebhooksOfCompletedPayoutAsync(NewPayout());
        var replayedHeaders = AsReceived(webhooks[0], webhooks[^1].Body);

        (await Verifier.VerifyAsync(replayedHeaders, CancellationToken.None)).Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task Notification_without_signature_headers_is_refused_without_asking_paypal()
    {
        var webhook = (await WebhooksOfCompletedPayoutAsync(NewPayout()))[^1];

        // Were PayPal asked, this fault would make the answer transient.
        Arm("verify", FaultKind.Unavailable, times: 10);
        var verified = await Verifier.VerifyAsync(AsReceived(webhook, tamper: h => h.Remove("paypal-transmission-sig")), CancellationToken.None);

        verified.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task Body_that_is_not_json_is_refused()
    {
        var webhook = (await WebhooksOfCompletedPayoutAsync(NewPayout()))[^1];

        var verified = await Verifier.VerifyAsync(AsReceived(webhook, "not json"u8.ToArray()), CancellationToken.None);

        verified.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task Paypal_unavailable_for_the_check_is_a_transient_failure()
    {
        var webhook = (await WebhooksOfCompletedPayoutAsync(NewPayout()))[^1];
        Arm("verify", FaultKind.Unavailable, times: 10);

        var verified = await Verifier.VerifyAsync(AsReceived(webhook), CancellationToken.None);

        verified.Failure!.Transient.Should().BeTrue();
    }

    [Fact]
    public async Task Rejected_payout_events_verify_and_name_the_payout()
    {
        var payout = NewPayout();
        Book(payout, Scenario.Reject);
        await SubmitAcceptedAsync(payout);
        var webhooks = await WaitForWebhooksAsync("PAYMENT.PAYOUTSBATCH.DENIED");

        var itemFailed = webhooks.Single(w => w.EventType == "PAYMENT.PAYOUTS-ITEM.FAILED");
        (await Verifier.VerifyAsync(AsReceived(itemFailed), CancellationToken.None)).Value!.PayoutIds.Should().Equal(payout.PayoutId);
    }

    private async Task<IReadOnlyList<PayPalSandboxWebhook>> WebhooksOfCompletedPayoutAsync(PayoutInstruction payout)
    {
        await SubmitAcceptedAsync(payout);
        return await WaitForWebhooksAsync("PAYMENT.PAYOUTSBATCH.SUCCESS");
    }

    private async Task<IReadOnlyList<PayPalSandboxWebhook>> WaitForWebhooksAsync(string last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Sandbox.Webhooks.Any(w => w.EventType == last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return Sandbox.Webhooks;
    }
}
