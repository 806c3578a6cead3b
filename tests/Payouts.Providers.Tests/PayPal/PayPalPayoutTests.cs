using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.PayPal;

public class PayPalPayoutTests : PayPalTestBase
{
    [Fact]
    public async Task Submitted_payout_is_accepted_under_the_batch_id_and_ends_completed()
    {
        var payout = NewPayout();

        var batchId = await SubmitAcceptedAsync(payout);
        var status = await PollUntilAsync(payout with { ProviderReference = batchId }, s => s == ProviderPayoutState.Completed);

        status.State.Should().Be(ProviderPayoutState.Completed);
        status.ProviderReference.Should().Be(batchId);
        Sandbox.FindPayout(Key(payout)).Should().Be((batchId, "SUCCESS", "SUCCESS"));
    }

    [Fact]
    public async Task A_payout_to_an_email_address_is_sent_as_an_EMAIL_receiver_and_completes()
    {
        var payout = NewPayout() with { Recipient = new EmailAddress("ana@example.com") };

        var batchId = await SubmitAcceptedAsync(payout);
        var status = await PollUntilAsync(payout with { ProviderReference = batchId }, s => s == ProviderPayoutState.Completed);

        status.State.Should().Be(ProviderPayoutState.Completed);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task A_bad_email_receiver_is_refused_by_paypal_or_before_sending(string email)
    {
        var outcome = await Payouts.SubmitAsync(NewPayout() with { Recipient = new EmailAddress(email) }, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>();
    }

    [Fact]
    public async Task Submitting_the_same_payout_twice_makes_one_batch_and_returns_its_id_both_times()
    {
        var payout = NewPayout();

        var first = await SubmitAcceptedAsync(payout);
        var second = await SubmitAcceptedAsync(payout);

        second.Should().Be(first);
        Sandbox.BatchCount.Should().Be(1);
    }

    [Fact]
    public async Task Stalled_payout_reads_pending_until_it_moves_on()
    {
        var payout = NewPayout();
        Book(payout, Scenario.Stall);
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Pending);
        Sandbox.Release(Key(payout), Scenario.Complete).Should().BeTrue();

        (await PollUntilAsync(tracked, s => s == ProviderPayoutState.Completed)).State.Should().Be(ProviderPayoutState.Completed);
    }

    [Fact]
    public async Task Rejected_payout_reads_rejected_with_paypals_item_error()
    {
        var payout = NewPayout();
        Book(payout, Scenario.Reject);
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        var status = await PollUntilAsync(tracked, s => s is not (ProviderPayoutState.Pending or ProviderPayoutState.Processing));

        status.State.Should().Be(ProviderPayoutState.Rejected);
        status.Reason.Should().Contain("RECEIVER_ACCOUNT_INVALID");
        Sandbox.FindPayout(Key(payout))!.Value.BatchStatus.Should().Be("DENIED");
    }

    [Fact]
    public async Task Amount_ending_in_13_is_rejected_without_booking()
    {
        var payout = NewPayout(minor: 2513);
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        (await PollUntilAsync(tracked, s => s == ProviderPayoutState.Rejected)).State.Should().Be(ProviderPayoutState.Rejected);
    }

    [Fact]
    public async Task Blocked_item_reads_rejected_and_says_blocked()
    {
        var payout = NewPayout();
        Book(payout, Scenario.Fail);
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        var status = await PollUntilAsync(tracked, s => s is not (ProviderPayoutState.Pending or ProviderPayoutState.Processing));

        status.State.Should().Be(ProviderPayoutState.Rejected);
        status.Reason.Should().Contain("BLOCKED");
    }

    [Fact]
    public async Task Returned_after_success_reads_completed_then_returned()
    {
        Sandbox.Context.Settings.ManualSteps = true;
        var payout = NewPayout();
        Book(payout, Scenario.ReturnAfterSuccess);
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        Sandbox.Context.RunSteps(2);
        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Completed);
        Sandbox.Context.RunSteps(3);
        var status = (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).Value!;

        status.State.Should().Be(ProviderPayoutState.Returned);
        status.Reason.Should().Contain("RETURNED");
    }

    [Fact]
    public async Task Zero_decimal_currency_is_sent_without_decimals()
    {
        // The sandbox refuses "15.00" JPY as PayPal does; Money renders JPY 1500 as "1500".
        var payout = NewPayout(minor: 1500, currency: new Currency("JPY", 0));

        var batchId = await SubmitAcceptedAsync(payout);

        batchId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Status_without_a_batch_id_is_not_found_so_the_dispatcher_resubmits()
    {
        var payout = NewPayout();

        var status = await Payouts.GetStatusAsync(payout, CancellationToken.None);

        status.Value!.State.Should().Be(ProviderPayoutState.NotFound);
        Sandbox.AppTokensIssued.Should().Be(0, "PayPal cannot be asked by sender_batch_id, so it is not asked");
    }

    [Fact]
    public async Task Status_of_a_batch_paypal_does_not_have_is_not_found()
    {
        var payout = NewPayout() with { ProviderReference = "NOSUCHBATCH01" };

        var status = await Payouts.GetStatusAsync(payout, CancellationToken.None);

        status.Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task Status_of_another_payouts_batch_is_refused()
    {
        var other = NewPayout();
        var batchId = await SubmitAcceptedAsync(other);

        var status = await Payouts.GetStatusAsync(NewPayout() with { ProviderReference = batchId }, CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "reference_mismatch" });
    }

    [Fact]
    public async Task Description_beyond_paypals_note_limit_is_refused_before_sending()
    {
        var payout = NewPayout(description: new string('é', 1001));

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("description");
        Sandbox.AppTokensIssued.Should().Be(0);
    }

    [Fact]
    public async Task Long_ascii_description_within_the_limit_is_sent()
    {
        (await Payouts.SubmitAsync(NewPayout(description: new string('a', 4000)), CancellationToken.None))
            .Should().BeOfType<SubmitOutcome.Accepted>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("SBX PAYER")]
    public async Task Unusable_payer_id_is_refused_before_sending(string payerId)
    {
        var outcome = await Payouts.SubmitAsync(NewPayout(payerId: payerId), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("recipient");
        Sandbox.BatchCount.Should().Be(0);
    }

    [Fact]
    public async Task Bank_account_recipient_is_refused_before_sending()
    {
        var payout = NewPayout() with { Recipient = new PeruvianBankAccount("DNI", "12345678", "Ana", null, "00212312345678901234", "S") };

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("recipient");
    }

    [Theory]
    [InlineData("not-a-payer-id", "USD", "Cashout", "VALIDATION_ERROR")]
    [InlineData("SBXPAYERQ7LM2", "BRL", "Cashout", "NON_HOLDING_CURRENCY")]
    [InlineData("SBXPAYERQ7LM2", "KWD", "Cashout", "VALIDATION_ERROR")]
    [InlineData("SBXPAYERQ7LM2", "USD", "ERRPYO005", "INSUFFICIENT_FUNDS")]
    [InlineData("SBXPAYERQ7LM2", "USD", "ERRPYO001", "SENDER_RESTRICTED")]
    public async Task Payout_paypal_refuses_is_refused_with_paypals_error_name(string payerId, string currency, string description, string code)
    {
        var payout = NewPayout(minor: 1000, currency: new Currency(currency, currency == "KWD" ? 3 : 2), payerId: payerId, description: description);

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be(code);
        Sandbox.BatchCount.Should().Be(0);
    }

    [Fact]
    public async Task Paypals_internal_error_on_create_is_an_unknown_outcome()
    {
        var outcome = await Payouts.SubmitAsync(NewPayout(description: "ERRPYO006"), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Unknown>();
    }
}
