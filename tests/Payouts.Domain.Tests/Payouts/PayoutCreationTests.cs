using Payouts.Domain.Amounts;
using Payouts.Domain.Payouts;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Tests.Payouts;

public class PayoutCreationTests
{
    [Fact]
    public void CreateCashout_is_pending_with_a_created_event()
    {
        var payout = Payout.CreateCashout(PayoutsInState.Id, "user-1", Given.Usd10, Provider.PayPal, Given.Now);

        payout.Should().BeEquivalentTo(new
        {
            Id = PayoutsInState.Id,
            Kind = PayoutKind.Cashout,
            OwnerId = "user-1",
            Amount = Given.Usd10,
            Provider = Provider.PayPal,
            Status = PayoutStatus.InitiationPending,
            State = PayoutState.Pending,
            Version = 0L,
            ProviderReference = (string?)null,
            FailureReason = (string?)null,
            CreatedAt = Given.Now,
            UpdatedAt = Given.Now,
        });
        payout.DomainEvents.Should().ContainSingle().Which.Should().Be(new PayoutCreated(
            PayoutsInState.Id, "user-1", Given.Usd10, PayoutKind.Cashout, PayoutStatus.InitiationPending, Provider.PayPal, Given.Now));
    }

    [Theory]
    [InlineData(Provider.Tupay, PayoutStatus.InitiationPending)]
    [InlineData(null, PayoutStatus.AwaitingRecipientDetails)]
    public void CreateMerchantPayout_waits_for_details_only_without_destination(Provider? provider, PayoutStatus expected)
    {
        var payout = Payout.CreateMerchantPayout(PayoutsInState.Id, "merchant-1", Given.Usd10, provider, Given.Now);

        (payout.Kind, payout.Status, payout.Provider).Should().Be((PayoutKind.MerchantPayout, expected, provider));
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutCreated>().Which.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Create_with_non_positive_amount_throws(long minor)
    {
        var amount = Money.FromMinor(minor, Given.Usd);

        FluentActions.Invoking(() => Payout.CreateCashout(PayoutsInState.Id, "u", amount, Provider.PayPal, Given.Now))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Payout.CreateMerchantPayout(PayoutsInState.Id, "m", amount, Provider.Tupay, Given.Now))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Create_without_owner_throws()
    {
        FluentActions.Invoking(() => Payout.CreateCashout(PayoutsInState.Id, " ", Given.Usd10, Provider.PayPal, Given.Now))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Restore_keeps_every_field_and_raises_no_event()
    {
        var payout = Payout.Restore(
            PayoutsInState.Id, PayoutKind.Cashout, "user-1", Given.Usd10, Provider.Tipalti, PayoutStatus.Returned,
            "ref-9", "Account closed", Given.Now, Given.Later, 4);

        payout.Should().BeEquivalentTo(new
        {
            Kind = PayoutKind.Cashout,
            Provider = Provider.Tipalti,
            Status = PayoutStatus.Returned,
            ProviderReference = "ref-9",
            FailureReason = "Account closed",
            CreatedAt = Given.Now,
            UpdatedAt = Given.Later,
            Version = 4L,
        });
        payout.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Restore_unknown_status_throws()
    {
        FluentActions.Invoking(() => Payout.Restore(
                PayoutsInState.Id, PayoutKind.Cashout, "user-1", Given.Usd10, Provider.PayPal, (PayoutStatus)99,
                null, null, Given.Now, Given.Now, 0))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Restore_unknown_provider_throws()
    {
        FluentActions.Invoking(() => Payout.Restore(
                PayoutsInState.Id, PayoutKind.Cashout, "user-1", Given.Usd10, (Provider)99, PayoutStatus.InitiationPending,
                null, null, Given.Now, Given.Now, 0))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ClearDomainEvents_empties_the_list()
    {
        var payout = PayoutsInState.NewCashout();

        payout.ClearDomainEvents();

        payout.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_as_they_are_stored()
    {
        var precise = new DateTimeOffset(2026, 11, 21, 12, 0, 15, TimeSpan.Zero).AddTicks(3_069_392);

        var payout = Payout.CreateMerchantPayout(PayoutsInState.Id, "merchant-1", Given.Usd10, null, precise);
        payout.Cancel(precise.AddTicks(1_234_567));

        payout.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(precise.ToUnixTimeMilliseconds()));
        (payout.UpdatedAt.Ticks % TimeSpan.TicksPerMillisecond).Should().Be(0);
    }
}
