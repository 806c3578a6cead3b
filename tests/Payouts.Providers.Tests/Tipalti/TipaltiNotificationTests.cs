using System.Text;
using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Tipalti;

public sealed class TipaltiNotificationTests : TipaltiTestBase
{
    private async Task<(PayoutInstruction Payout, ProviderNotification Ipn)> CompletedIpnAsync()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        await Provider.SubmitAsync(payout, CancellationToken.None);
        var ipn = (await Inbox.WaitForAsync(n => NotificationInbox.BodyOf(n) is var body && body.Contains("type=completed", StringComparison.Ordinal) && body.Contains($"ref_code={payout.PayoutId}&", StringComparison.Ordinal)))[0];
        return (payout, ipn);
    }

    [Fact]
    public async Task A_genuine_IPN_is_verified_and_names_our_payout_and_payee()
    {
        var (payout, ipn) = await CompletedIpnAsync();

        var verified = await Verifier.VerifyAsync(ipn, CancellationToken.None);

        verified.IsSuccess.Should().BeTrue(verified.Failure?.Message);
        verified.Value!.PayoutIds.Should().Equal(payout.PayoutId);
        verified.Value.AccountIds.Should().Equal(((ProviderAccount)payout.Recipient).AccountId);
        ipn.Headers["content-type"].Should().StartWith("application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task Every_status_change_is_announced_and_each_IPN_verifies()
    {
        var (payout, _) = await CompletedIpnAsync();

        var mine = Inbox.Received.Where(n => Encoding.UTF8.GetString(n.Body.Span).Contains($"ref_code={payout.PayoutId}&", StringComparison.Ordinal)).ToList();

        mine.Select(n => Encoding.UTF8.GetString(n.Body.Span).Split('&')[0]).Should().BeEquivalentTo("type=payment_submitted", "type=payments_group_approved", "type=completed");
        foreach (var ipn in mine)
        {
            (await Verifier.VerifyAsync(ipn, CancellationToken.None)).Value!.PayoutIds.Should().Equal(payout.PayoutId);
        }
    }

    [Fact]
    public async Task A_forged_IPN_is_refused()
    {
        var (payout, ipn) = await CompletedIpnAsync();
        var forged = ipn with { Body = Encoding.ASCII.GetBytes($"type=completed&ref_code={payout.PayoutId}&payee_id=x&payment_status=Paid") };

        var result = await Verifier.VerifyAsync(forged, CancellationToken.None);

        result.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task A_genuine_IPN_with_one_byte_changed_is_refused()
    {
        var (payout, ipn) = await CompletedIpnAsync();
        var tampered = Encoding.ASCII.GetString(ipn.Body.Span).Replace($"ref_code={payout.PayoutId}", $"ref_code={payout.PayoutId + 1}", StringComparison.Ordinal);

        var result = await Verifier.VerifyAsync(ipn with { Body = Encoding.ASCII.GetBytes(tampered) }, CancellationToken.None);

        result.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task A_body_without_a_type_is_refused_without_asking_Tipalti()
    {
        var (_, ipn) = await CompletedIpnAsync();
        Sandbox.Context.Faults.Arm(new Fault("ipn_verify", FaultKind.ServerError, EveryAttempt));

        var result = await Verifier.VerifyAsync(ipn with { Body = Encoding.ASCII.GetBytes("ref_code=1") }, CancellationToken.None);

        result.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task Duplicated_deliveries_are_identical_and_both_verify()
    {
        Sandbox.Context.Notifications.Faults.Duplicate = true;
        var (payout, _) = await CompletedIpnAsync();
        await WaitUntilAsync(() => Completed(payout).Count == 2);

        var copies = Completed(payout);

        copies[0].Body.ToArray().Should().Equal(copies[1].Body.ToArray());
        foreach (var copy in copies)
        {
            (await Verifier.VerifyAsync(copy, CancellationToken.None)).Value!.PayoutIds.Should().Equal(payout.PayoutId);
        }
    }

    [Fact]
    public async Task A_postback_that_cannot_be_made_is_a_transient_failure_not_a_forgery()
    {
        var (_, ipn) = await CompletedIpnAsync();
        Sandbox.Context.Faults.Arm(new Fault("ipn_verify", FaultKind.Unavailable, EveryAttempt));

        var result = await Verifier.VerifyAsync(ipn, CancellationToken.None);

        result.Failure!.Transient.Should().BeTrue();
    }

    private List<ProviderNotification> Completed(PayoutInstruction payout) =>
        [.. Inbox.Received.Where(n => Encoding.UTF8.GetString(n.Body.Span) is var body
            && body.StartsWith("type=completed&", StringComparison.Ordinal) && body.Contains($"ref_code={payout.PayoutId}&", StringComparison.Ordinal))];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(20);
        }
    }
}
