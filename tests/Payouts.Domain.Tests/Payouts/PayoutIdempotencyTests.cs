using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>Repeated provider callbacks and retried commands: same outcome, no second event.</summary>
public class PayoutIdempotencyTests
{
    [Fact]
    public void StartProcessing_again_with_same_reference_is_a_no_op()
    {
        var payout = PayoutsInState.NewCashout();
        payout.StartProcessing("pp-1", Given.Now);

        var result = payout.StartProcessing("pp-1", Given.Later);

        result.IsSuccess.Should().BeTrue();
        (payout.Version, payout.UpdatedAt, payout.DomainEvents.Count).Should().Be((1L, Given.Now, 2));
    }

    [Fact]
    public void StartProcessing_again_with_other_reference_is_a_conflict()
    {
        var payout = PayoutsInState.NewCashout();
        payout.StartProcessing("pp-1", Given.Now);

        var result = payout.StartProcessing("pp-2", Given.Later);

        result.Error.Should().BeEquivalentTo(new { Code = "payout.provider_reference_conflict", Kind = ErrorKind.Conflict });
        result.Error.Message.Should().Contain("pp-1").And.Contain("pp-2");
        (payout.ProviderReference, payout.Version).Should().Be(("pp-1", 1L));
    }

    [Fact]
    public void Reject_again_with_other_reason_keeps_the_first_reason()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationProcessing);
        payout.Reject("First", Given.Now);

        var result = payout.Reject("Second", Given.Later);

        result.IsSuccess.Should().BeTrue();
        (payout.FailureReason, payout.Version).Should().Be(("First", PayoutsInState.Version + 1));
        payout.DomainEvents.Should().ContainSingle();
    }

    [Fact]
    public void Complete_three_times_raises_one_event()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationProcessing);

        var results = Enumerable.Range(0, 3).Select(_ => payout.Complete(Given.Later)).ToList();

        results.Should().OnlyContain(r => r.IsSuccess);
        payout.DomainEvents.Should().ContainSingle();
        payout.Version.Should().Be(PayoutsInState.Version + 1);
    }

    [Fact]
    public void Fail_after_reject_is_illegal_not_a_no_op()
    {
        var payout = PayoutsInState.Restored(PayoutStatus.InitiationRejected);

        payout.Fail("Late callback", Given.Later).Error.Message.Should().Be("Cannot fail a payout that is InitiationRejected.");
    }
}
