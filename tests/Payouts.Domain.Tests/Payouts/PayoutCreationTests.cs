using Payouts.Domain.Amounts;
using Payouts.Domain.Payouts;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Tests.Payouts;

public class PayoutCreationTests
{
    [Fact]
    public void CreateCashout_is_pending_with_a_created_event()
    {
        var payout = Payout.CreateCashout(PayoutsInState.Id, "user-1", Given.Usd10, "PayPal", "paypal", Given.Now);

        payout.Should().BeEquivalentTo(new
        {
            Id = PayoutsInState.Id,
            Kind = PayoutKind.Cashout,
            OwnerId = "user-1",
            Amount = Given.Usd10,
            Provider = "paypal",
            Type = "paypal",
            Status = PayoutStatus.InitiationPending,
            State = PayoutState.Pending,
            Version = 0L,
            ProviderReference = (string?)null,
            FailureReason = (string?)null,
            CreatedAt = Given.Now,
            UpdatedAt = Given.Now,
        });
        payout.DomainEvents.Should().ContainSingle().Which.Should().Be(new PayoutCreated(
            PayoutsInState.Id, "user-1", Given.Usd10, PayoutKind.Cashout, PayoutStatus.InitiationPending, "paypal", "paypal", Given.Now));
    }

    [Theory]
    [InlineData("Tupay", PayoutStatus.InitiationPending)]
    [InlineData("", PayoutStatus.AwaitingRecipientDetails)]
    public void CreateMerchantPayout_waits_for_details_only_without_destination(string provider, PayoutStatus expected)
    {
        var payout = Payout.CreateMerchantPayout(PayoutsInState.Id, "merchant-1", Given.Usd10, provider, Given.Now);

        (payout.Kind, payout.Status, payout.Type, payout.Provider).Should().Be((PayoutKind.MerchantPayout, expected, "payout", provider.ToLowerInvariant()));
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<PayoutCreated>().Which.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Create_with_non_positive_amount_throws(long minor)
    {
        var amount = Money.FromMinor(minor, Given.Usd);

        FluentActions.Invoking(() => Payout.CreateCashout(PayoutsInState.Id, "u", amount, "paypal", "paypal", Given.Now))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Payout.CreateMerchantPayout(PayoutsInState.Id, "m", amount, "tupay", Given.Now))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Create_without_owner_or_provider_throws()
    {
        FluentActions.Invoking(() => Payout.CreateCashout(PayoutsInState.Id, " ", Given.Usd10, "paypal", "paypal", Given.Now))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Payout.CreateCashout(PayoutsInState.Id, "u", Given.Usd10, "", "paypal", Given.Now))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Restore_keeps_every_field_and_raises_no_event()
    {
        var payout = Payout.Restore(
            PayoutsInState.Id, PayoutKind.Cashout, "user-1", Given.Usd10, "tipalti", "tipalti", PayoutStatus.Returned,
            "ref-9", "Account closed", Given.Now, Given.Later, 4);

        payout.Should().BeEquivalentTo(new
        {
            Kind = PayoutKind.Cashout,
            Provider = "tipalti",
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
                PayoutsInState.Id, PayoutKind.Cashout, "user-1", Given.Usd10, "paypal", "paypal", (PayoutStatus)99,
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

        var payout = Payout.CreateMerchantPayout(PayoutsInState.Id, "merchant-1", Given.Usd10, "", precise);
        payout.Cancel(precise.AddTicks(1_234_567));

        payout.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(precise.ToUnixTimeMilliseconds()));
        (payout.UpdatedAt.Ticks % TimeSpan.TicksPerMillisecond).Should().Be(0);
    }
}
