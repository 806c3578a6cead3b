using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Tipalti;

public sealed class TipaltiPayoutTests : TipaltiTestBase
{
    [Fact]
    public async Task A_payout_is_accepted_under_its_ref_code_and_reaches_paid()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 12_34);

        var outcome = await Provider.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().Be(new SubmitOutcome.Accepted(payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var sent = Sandbox.Payment(payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
        sent.Amount.Should().Be("12.34");
        sent.Currency.Should().Be("USD");
        sent.Idap.Should().Be(idap);
        sent.GroupTitle.Should().Be("Payouts");
        var paid = await WaitForStateAsync(payout, ProviderPayoutState.Completed);
        paid.ProviderReference.Should().Be(((SubmitOutcome.Accepted)outcome).ProviderReference);
        paid.Reason.Should().BeNull();
    }

    [Fact]
    public async Task Amounts_are_written_with_the_currency_s_own_decimals()
    {
        var idap = await CreatePayeeAsync();
        var yen = Payout(idap, 1000) with { Amount = Money.FromMinor(1000, new Currency("JPY", 0)) };

        (await Provider.SubmitAsync(yen, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();

        Sandbox.Payment(yen.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture))!.Amount.Should().Be("1000");
    }

    [Fact]
    public async Task Status_moves_from_pending_through_processing()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 50_00);
        Sandbox.Context.Settings.ManualSteps = true;

        await Provider.SubmitAsync(payout, CancellationToken.None);

        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Pending);
        Sandbox.Context.RunSteps(1);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Processing);
        Sandbox.Context.RunSteps(1);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Completed);
    }

    [Fact]
    public async Task Submitting_the_same_payout_twice_makes_one_payment_with_one_reference()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 20_00);

        var first = await Provider.SubmitAsync(payout, CancellationToken.None);
        var second = await Provider.SubmitAsync(payout, CancellationToken.None);

        first.Should().BeOfType<SubmitOutcome.Accepted>();
        second.Should().Be(first);
        Sandbox.PaymentCount.Should().Be(1);
        Sandbox.CallsTo("ProcessPayments").Should().Be(2);
    }

    [Fact]
    public async Task A_ref_code_already_used_for_another_payee_is_refused_not_adopted()
    {
        var first = await CreatePayeeAsync();
        var other = await CreatePayeeAsync();
        var payout = Payout(first, 20_00);
        await Provider.SubmitAsync(payout, CancellationToken.None);

        var clash = await Provider.SubmitAsync(payout with { Recipient = new ProviderAccount(other) }, CancellationToken.None);

        clash.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("DuplicateRefCode");
        Sandbox.PaymentCount.Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_payee_is_refused_by_Tipalti()
    {
        var outcome = await Provider.SubmitAsync(Payout("never-created", 10_00), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("PayeeUnknown");
        Sandbox.PaymentCount.Should().Be(0);
    }

    [Theory]
    [InlineData("has space", "invalid_idap")]
    [InlineData("bad/idap", "invalid_idap")]
    [InlineData("", "invalid_idap")]
    public async Task A_bad_idap_is_refused_before_sending(string idap, string code)
    {
        var outcome = await Provider.SubmitAsync(Payout(idap, 10_00), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be(code);
        Sandbox.CallsTo("ProcessPayments").Should().Be(0);
    }

    [Fact]
    public async Task A_non_positive_amount_or_a_bank_account_recipient_is_refused_before_sending()
    {
        var idap = await CreatePayeeAsync();

        var zero = await Provider.SubmitAsync(Payout(idap, 0), CancellationToken.None);
        var bank = await Provider.SubmitAsync(Payout(idap, 10_00) with { Recipient = new PeruvianBankAccount("DNI", "12345678", "Ana", null, "00212345678901234567", "S") }, CancellationToken.None);

        zero.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("invalid_amount");
        bank.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("invalid_recipient");
        Sandbox.CallsTo("ProcessPayments").Should().Be(0);
    }

    [Fact]
    public async Task A_payout_Tipalti_never_got_is_not_found()
    {
        var status = await Provider.GetStatusAsync(Payout("someone", 10_00), CancellationToken.None);

        status.Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_provider_rejection_is_visible_with_its_reason()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 10_13);

        await Provider.SubmitAsync(payout, CancellationToken.None);

        var rejected = await WaitForStateAsync(payout, ProviderPayoutState.Rejected);
        rejected.Reason.Should().StartWith("ProviderRejectedPOErrorCode");
    }

    [Fact]
    public async Task A_processing_error_is_a_failure()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 10_00);
        Sandbox.Context.Scenarios.Book(payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture), Scenario.Fail);

        await Provider.SubmitAsync(payout, CancellationToken.None);

        (await WaitForStateAsync(payout, ProviderPayoutState.Failed)).Reason.Should().StartWith("UnknownError");
    }

    [Fact]
    public async Task A_return_after_success_shows_paid_then_returned()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 10_77);
        Sandbox.Context.Settings.ManualSteps = true;

        await Provider.SubmitAsync(payout, CancellationToken.None);

        Sandbox.Context.RunSteps(2);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Completed);
        Sandbox.Context.RunSteps(3);
        var returned = (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!;
        returned.State.Should().Be(ProviderPayoutState.Returned);
        returned.Reason.Should().StartWith("PaymentReturned");
    }

    [Fact]
    public async Task A_payment_cancelled_before_approval_is_cancelled()
    {
        var idap = await CreatePayeeAsync();
        var payout = Payout(idap, 10_00);
        var refCode = payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Sandbox.Context.Scenarios.Book(refCode, Scenario.Stall);
        await Provider.SubmitAsync(payout, CancellationToken.None);
        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Pending);

        Sandbox.Cancel(refCode).Should().BeTrue();

        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Cancelled);
    }
}
