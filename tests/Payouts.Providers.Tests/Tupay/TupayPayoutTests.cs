using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.Tupay;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

public sealed class TupayPayoutTests : TupayTestBase
{
    [Fact]
    public async Task A_payout_is_accepted_and_reaches_completed_under_tupays_cashout_id()
    {
        var payout = Payout(1001);

        var outcome = await Provider.SubmitAsync(payout, CancellationToken.None);

        var accepted = outcome.Should().BeOfType<SubmitOutcome.Accepted>().Subject;
        accepted.ProviderReference.Should().Be(Sandbox.Find("1001")!.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var status = await Harness.WaitForAsync(payout with { ProviderReference = accepted.ProviderReference }, ProviderPayoutState.Completed);
        status.ProviderReference.Should().Be(accepted.ProviderReference);
        status.Reason.Should().BeNull();
    }

    [Theory]
    [InlineData(10_000, "100.00")]
    [InlineData(1, "0.01")]
    [InlineData(123_456_789_012, "1234567890.12")]
    public async Task The_amount_reaches_tupay_exactly_as_a_json_number_from_minor_units(long minor, string sent)
    {
        Harness.Fixture.Sandbox.Tupay.Context.Scenarios.Book("1002", Scenario.Stall);

        await Provider.SubmitAsync(Payout(1002, minor, "USD"), CancellationToken.None);

        var cashout = Sandbox.Find("1002")!;
        cashout.Amount.Should().Be(sent);
        cashout.Currency.Should().Be("USD");
    }

    [Fact]
    public async Task Submitting_the_same_payout_twice_creates_one_cashout_and_returns_the_same_reference()
    {
        var payout = Payout(1003);

        var first = await Provider.SubmitAsync(payout, CancellationToken.None);
        var second = await Provider.SubmitAsync(payout, CancellationToken.None);

        second.Should().Be(first).And.BeOfType<SubmitOutcome.Accepted>();
        Sandbox.Count.Should().Be(1);
        Sandbox.SubmitRequests.Should().Be(2, "the second submission reached Tupay and was answered 511, then adopted");
    }

    [Fact]
    public async Task A_payout_tupay_never_got_is_not_found()
    {
        var status = await Provider.GetStatusAsync(Payout(1004), CancellationToken.None);

        status.Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_bank_rejection_is_rejected_with_its_code_and_name_in_the_reason()
    {
        var payout = Payout(1005, minor: 10_013);

        await Provider.SubmitAsync(payout, CancellationToken.None);

        var status = await Harness.WaitForAsync(payout, ProviderPayoutState.Rejected);
        status.Reason.Should().Be("806 ERROR_BENEFICIARY_NAME_INCORRECT");
        Sandbox.Find("1005")!.RejectionCode.Should().Be(806);
    }

    [Fact]
    public async Task A_failure_at_tupay_is_rejected_with_error_other()
    {
        var payout = Payout(1006, minor: 10_066);

        await Provider.SubmitAsync(payout, CancellationToken.None);

        (await Harness.WaitForAsync(payout, ProviderPayoutState.Rejected)).Reason.Should().Be("808 ERROR_OTHER");
    }

    [Fact]
    public async Task A_return_after_success_is_seen_as_completed_then_returned()
    {
        var payout = Payout(1007, minor: 10_077);
        Sandbox.Context.Settings.ManualSteps = true;

        await Provider.SubmitAsync(payout, CancellationToken.None);

        Sandbox.Context.RunSteps(2);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Completed);
        Sandbox.Context.RunSteps(3);
        var status = (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!;
        status.State.Should().Be(ProviderPayoutState.Returned);
        status.Reason.Should().Be("826 WITHDRAWAL_REVERSED");
    }

    [Fact]
    public async Task A_cashout_cancelled_while_pending_is_cancelled()
    {
        Sandbox.Context.Scenarios.Book("1008", Scenario.Stall);
        var payout = Payout(1008);
        await Provider.SubmitAsync(payout, CancellationToken.None);

        Sandbox.Cancel("1008").Should().BeTrue();

        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Cancelled);
    }

    [Fact]
    public async Task A_cashout_on_hold_is_pending_and_completes_once_released()
    {
        Sandbox.Context.Scenarios.Book("1009", Scenario.Stall);
        var payout = Payout(1009);
        await Provider.SubmitAsync(payout, CancellationToken.None);

        Sandbox.Hold("1009").Should().BeTrue();
        Sandbox.Find("1009")!.Status.Should().Be(TupayCodes.OnHold);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Pending);

        Sandbox.Context.Scenarios.Book("1009", Scenario.Complete);
        Sandbox.Release("1009").Should().BeTrue();
        await Harness.WaitForAsync(payout, ProviderPayoutState.Completed);
    }

    [Fact]
    public async Task A_recipient_that_is_not_a_peruvian_bank_account_is_refused_without_a_request()
    {
        var outcome = await Provider.SubmitAsync(Payout(1010, recipient: new ProviderAccount("someone")), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("unsupported_recipient");
        Sandbox.SubmitRequests.Should().Be(0);
    }
}
