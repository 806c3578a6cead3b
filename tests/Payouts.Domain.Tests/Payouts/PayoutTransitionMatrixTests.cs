using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using static Payouts.Domain.Payouts.PayoutStatus;
using static Payouts.Domain.Tests.Payouts.Transition;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>Every status × transition pair: allowed, already done (no-op), or illegal with a stable code.</summary>
public class PayoutTransitionMatrixTests
{
    // Written out independently of the domain's table, from the lifecycle in issue 3.
    private static readonly HashSet<(PayoutStatus, Transition)> Allowed =
    [
        (AwaitingRecipientDetails, ProvideRecipientDetails), (AwaitingRecipientDetails, Cancel),
        (InitiationPending, StartProcessing), (InitiationPending, Reject), (InitiationPending, Fail), (InitiationPending, Cancel),
        (InitiationProcessing, Complete), (InitiationProcessing, Reject), (InitiationProcessing, Fail),
        (InitiationCompleted, Return),
    ];

    public static TheoryData<PayoutStatus, Transition> AllowedPairs() => Pairs((from, t) => Allowed.Contains((from, t)));

    public static TheoryData<PayoutStatus, Transition> RepeatedPairs() => Pairs((from, t) => Transitions.Target(t) == from);

    public static TheoryData<PayoutStatus, Transition> IllegalPairs() =>
        Pairs((from, t) => !Allowed.Contains((from, t)) && Transitions.Target(t) != from);

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Transition_allowed_moves_status_bumps_version_and_raises_one_event(PayoutStatus from, Transition transition)
    {
        var payout = PayoutsInState.Restored(from);

        var result = payout.Apply(transition, Given.Later);

        result.IsSuccess.Should().BeTrue();
        payout.Status.Should().Be(Transitions.Target(transition));
        payout.Version.Should().Be(PayoutsInState.Version + 1);
        payout.UpdatedAt.Should().Be(Given.Later);
        payout.DomainEvents.Should().ContainSingle().Which.Should().BeOfType(Transitions.EventOf(transition))
            .And.BeEquivalentTo(new { PayoutId = PayoutsInState.Id, OwnerId = "merchant-1", Amount = Given.Usd10, OccurredAt = Given.Later });
    }

    [Theory]
    [MemberData(nameof(RepeatedPairs))]
    public void Transition_already_done_is_a_no_op_without_event_or_version_change(PayoutStatus from, Transition transition)
    {
        var payout = PayoutsInState.Restored(from);

        var result = payout.Apply(transition, Given.Later);

        result.IsSuccess.Should().BeTrue();
        payout.Status.Should().Be(from);
        payout.Version.Should().Be(PayoutsInState.Version);
        payout.UpdatedAt.Should().Be(Given.Now);
        payout.DomainEvents.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void Transition_illegal_is_a_precondition_error_and_changes_nothing(PayoutStatus from, Transition transition)
    {
        var payout = PayoutsInState.Restored(from);
        var reference = payout.ProviderReference;
        var reason = payout.FailureReason;

        var result = payout.Apply(transition, Given.Later);

        result.Error.Should().BeEquivalentTo(new
        {
            Code = "payout.illegal_transition",
            Kind = ErrorKind.Precondition,
            Message = $"Cannot {Transitions.Verb(transition)} a payout that is {from}.",
        });
        (payout.Status, payout.Version, payout.UpdatedAt).Should().Be((from, PayoutsInState.Version, Given.Now));
        (payout.ProviderReference, payout.FailureReason).Should().Be((reference, reason));
        payout.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Matrix_covers_every_pair_exactly_once()
    {
        var total = AllowedPairs().Count + RepeatedPairs().Count + IllegalPairs().Count;

        total.Should().Be(Enum.GetValues<PayoutStatus>().Length * Enum.GetValues<Transition>().Length);
        IllegalPairs().Count.Should().Be(39);
    }

    private static TheoryData<PayoutStatus, Transition> Pairs(Func<PayoutStatus, Transition, bool> include)
    {
        var data = new TheoryData<PayoutStatus, Transition>();
        foreach (var from in Enum.GetValues<PayoutStatus>())
        {
            foreach (var transition in Enum.GetValues<Transition>().Where(t => include(from, t)))
            {
                data.Add(from, transition);
            }
        }

        return data;
    }
}
