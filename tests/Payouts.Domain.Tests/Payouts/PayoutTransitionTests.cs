using Payouts.Domain.Payouts;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>What each transition records beyond its status: references, reasons, and the event payload listeners rely on.</summary>
public class PayoutTransitionTests
{
    [Fact]
    public void StartProcessing_records_the_provider_reference()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationPending);

        payout.StartProcessing("pp-123", Given.Later);

        payout.ProviderReference.Should().Be("pp-123");
        payout.DomainEvents.Should().ContainSingle().Which.Should().Be(new PayoutProcessingStarted(
            PayoutsInState.Id, "merchant-1", Given.Usd10, Provider.PayPal, "pp-123", Given.Later));
    }

    [Fact]
    public void Complete_event_carries_the_provider_reference()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationProcessing);

        payout.Complete(Given.Later);

        payout.State.Should().Be(PayoutState.Succeeded);
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutCompleted>()
            .Which.ProviderReference.Should().Be(Transitions.ProviderReference);
    }

    [Theory]
    [InlineData(PayoutStatus.InitiationPending)]
    [InlineData(PayoutStatus.InitiationProcessing)]
    public void Reject_records_reason_and_where_it_came_from(PayoutStatus from)
    {
        var payout = PayoutsInState.Restored(from);

        payout.Reject("Recipient blocked", Given.Later);

        payout.FailureReason.Should().Be("Recipient blocked");
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutRejected>()
            .Which.Should().BeEquivalentTo(new { From = from, Reason = "Recipient blocked" });
    }

    [Theory]
    [InlineData(PayoutStatus.InitiationPending)]
    [InlineData(PayoutStatus.InitiationProcessing)]
    public void Fail_records_reason_and_where_it_came_from(PayoutStatus from)
    {
        var payout = PayoutsInState.Restored(from);

        payout.Fail("Timeout", Given.Later);

        (payout.FailureReason, payout.State).Should().Be(("Timeout", PayoutState.Failed));
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutFailed>()
            .Which.Should().BeEquivalentTo(new { From = from, Reason = "Timeout" });
    }

    [Theory]
    [InlineData(PayoutStatus.AwaitingRecipientDetails)]
    [InlineData(PayoutStatus.InitiationPending)]
    public void Cancel_records_where_it_came_from(PayoutStatus from)
    {
        var payout = PayoutsInState.Restored(from);

        payout.Cancel(Given.Later);

        payout.State.Should().Be(PayoutState.Cancelled);
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutCancelled>().Which.From.Should().Be(from);
    }

    [Fact]
    public void Return_records_the_reason_and_counts_as_failed()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationCompleted);

        payout.Return("Account closed", Given.Later);

        (payout.Status, payout.State, payout.FailureReason).Should().Be((PayoutStatus.Returned, PayoutState.Failed, "Account closed"));
        payout.DomainEvents.Should().ContainSingle().Which.Should().Be(
            new PayoutReturned(PayoutsInState.Id, "merchant-1", Given.Usd10, "Account closed", Given.Later));
    }

    [Fact]
    public void Cashout_full_lifecycle_raises_events_in_order_and_counts_versions()
    {
        var payout = PayoutsInState.NewCashout();

        payout.StartProcessing("pp-1", Given.Now).IsSuccess.Should().BeTrue();
        payout.Complete(Given.Later).IsSuccess.Should().BeTrue();
        payout.Return("Returned by bank", Given.Later.AddDays(3)).IsSuccess.Should().BeTrue();

        payout.Version.Should().Be(3);
        payout.DomainEvents.Select(e => e.GetType()).Should().Equal(
            typeof(PayoutCreated), typeof(PayoutProcessingStarted), typeof(PayoutCompleted), typeof(PayoutReturned));
    }

    [Fact]
    public void Merchant_payout_waits_for_details_then_goes_through()
    {
        var payout = Payout.CreateMerchantPayout(PayoutsInState.Id, "merchant-1", Given.Usd10, provider: null, Given.Now);

        payout.ProvideRecipientDetails(Provider.Tupay, Given.Now).IsSuccess.Should().BeTrue();
        payout.Provider.Should().Be(Provider.Tupay);
        payout.StartProcessing("pp-2", Given.Later).IsSuccess.Should().BeTrue();

        (payout.Status, payout.Version).Should().Be((PayoutStatus.InitiationProcessing, 2L));
        payout.DomainEvents[1].Should().BeOfType<PayoutRecipientDetailsProvided>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Transitions_with_blank_reason_or_reference_throw(string blank)
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationPending);

        FluentActions.Invoking(() => payout.StartProcessing(blank, Given.Now)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => payout.Reject(blank, Given.Now)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => payout.Fail(blank, Given.Now)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => payout.Return(blank, Given.Now)).Should().Throw<ArgumentException>();
    }
}
