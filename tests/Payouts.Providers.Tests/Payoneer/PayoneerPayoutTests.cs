using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerPayoutTests : PayoneerTestBase
{
    [Fact]
    public async Task A_payout_is_accepted_under_our_id_and_ends_Transferred_as_Completed()
    {
        var payout = Instruction(1001);

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().Be(new SubmitOutcome.Accepted("1001"));
        (await StatusEventuallyAsync(payout, ProviderPayoutState.Completed)).Should().Be(new ProviderPayoutStatus(ProviderPayoutState.Completed, "1001"));
        Sandbox.PayoutStatusOf("1001").Should().Be("Transferred");
    }

    [Fact]
    public async Task Submitting_the_same_payout_twice_adopts_the_original_instead_of_paying_twice()
    {
        var payout = Instruction(1002);

        var first = await Payouts.SubmitAsync(payout, CancellationToken.None);
        var second = await Payouts.SubmitAsync(payout, CancellationToken.None);

        first.Should().Be(new SubmitOutcome.Accepted("1002"));
        second.Should().Be(first);
        Sandbox.PayoutCount.Should().Be(1);
    }

    [Theory]
    [InlineData("USD", 2, 1250, "12.50")]
    [InlineData("USD", 2, 7, "0.07")]
    [InlineData("JPY", 0, 1500, "1500")]
    [InlineData("KWD", 3, 1234, "1.234")]
    [InlineData("USD", 2, 900719925474099301, "9007199254740993.01")]
    public async Task The_amount_is_sent_as_an_exact_decimal_number_in_major_units(string code, int exponent, long minor, string expected)
    {
        var outcome = await Payouts.SubmitAsync(Instruction(1003, minor, currency: new Currency(code, exponent)), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>();
        Sandbox.PayoutAmountOf("1003").Should().Be(expected);
    }

    [Fact]
    public async Task A_rejected_payout_shows_as_Rejected_with_Payoneers_reason()
    {
        Sandbox.Context.Scenarios.Book("1004", Scenario.Reject);
        var payout = Instruction(1004);
        await Payouts.SubmitAsync(payout, CancellationToken.None);

        var status = await StatusEventuallyAsync(payout, ProviderPayoutState.Rejected);

        status!.State.Should().Be(ProviderPayoutState.Rejected);
        status.Reason.Should().Be("PAYEE_BANK_REJECTED: The payee's bank rejected the payment");
    }

    [Fact]
    public async Task A_payout_that_failed_at_Payoneer_shows_as_Rejected_with_its_reason_code()
    {
        Sandbox.Context.Scenarios.Book("1005", Scenario.Fail);
        var payout = Instruction(1005);
        await Payouts.SubmitAsync(payout, CancellationToken.None);

        var status = await StatusEventuallyAsync(payout, ProviderPayoutState.Rejected);

        status!.State.Should().Be(ProviderPayoutState.Rejected);
        status.Reason.Should().Be("PROCESSING_FAILED: failed");
    }

    [Fact]
    public async Task A_payout_returned_after_success_is_first_Completed_then_Returned()
    {
        Sandbox.Context.Settings.ManualSteps = true;
        Sandbox.Context.Scenarios.Book("1006", Scenario.ReturnAfterSuccess);
        var payout = Instruction(1006);
        await Payouts.SubmitAsync(payout, CancellationToken.None);

        Sandbox.Context.RunSteps(2);
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.Completed);
        Sandbox.Context.RunSteps(3);
        var returned = (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value;

        returned!.State.Should().Be(ProviderPayoutState.Returned);
        returned.Reason.Should().StartWith("PAYMENT_RETURNED");
    }

    [Fact]
    public async Task A_stalled_payout_stays_Pending()
    {
        Sandbox.Context.Scenarios.Book("1007", Scenario.Stall);
        var payout = Instruction(1007);
        await Payouts.SubmitAsync(payout, CancellationToken.None);

        var status = await Payouts.GetStatusAsync(payout, CancellationToken.None);

        status.Value!.State.Should().Be(ProviderPayoutState.Pending);
    }

    [Fact]
    public async Task A_payout_Payoneer_never_got_is_NotFound()
    {
        var status = await Payouts.GetStatusAsync(Instruction(1008), CancellationToken.None);

        status.Value.Should().Be(new ProviderPayoutStatus(ProviderPayoutState.NotFound));
    }

    [Fact]
    public async Task Paying_a_payee_still_under_review_is_Refused_and_creates_nothing()
    {
        Sandbox.AddPayee("payee-under-review", statusType: 0);

        var outcome = await Payouts.SubmitAsync(Instruction(1009, payee: "payee-under-review"), CancellationToken.None);

        var refused = outcome.Should().BeOfType<SubmitOutcome.Refused>().Subject;
        refused.Reason.Should().Contain("payee_id").And.Contain("Payee is not active");
        Sandbox.PayoutCount.Should().Be(0);
    }

    [Fact]
    public async Task Paying_an_unknown_payee_is_Refused()
    {
        var outcome = await Payouts.SubmitAsync(Instruction(1010, payee: "nobody"), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Reason.Should().Contain("Payee was not found");
    }

    [Fact]
    public async Task What_Payoneer_would_refuse_is_refused_before_sending_with_the_field_as_code()
    {
        var peruvian = new PayoutInstruction(1011, Money.FromMinor(100, Usd), new PeruvianBankAccount("DNI", "12345678", "Ana", null, "00212345678901234567", "S"), null, "x");

        (await Payouts.SubmitAsync(Instruction(1011, minor: 0), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("amount");
        (await Payouts.SubmitAsync(Instruction(1011, payee: " "), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("payee_id");
        (await Payouts.SubmitAsync(Instruction(1011) with { Description = "" }, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("description");
        (await Payouts.SubmitAsync(peruvian, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("recipient");
        Sandbox.TokensIssued.Should().Be(0, "nothing was sent");
    }

    [Fact]
    public async Task One_token_serves_many_calls_even_when_they_start_together()
    {
        var calls = Enumerable.Range(0, 8).Select(i => Payouts.GetStatusAsync(Instruction(2000 + i), CancellationToken.None));

        var results = await Task.WhenAll(calls);
        await Payouts.SubmitAsync(Instruction(2100), CancellationToken.None);

        results.Should().OnlyContain(r => r.IsSuccess);
        Sandbox.TokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_and_the_call_still_succeeds()
    {
        await Payouts.GetStatusAsync(Instruction(1012), CancellationToken.None);
        Sandbox.RevokeTokens();

        var outcome = await Payouts.SubmitAsync(Instruction(1012), CancellationToken.None);

        outcome.Should().Be(new SubmitOutcome.Accepted("1012"));
        Sandbox.TokensIssued.Should().Be(2);
        Sandbox.PayoutCount.Should().Be(1);
    }
}
