using System.Globalization;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Dispatch;

/// <summary>
/// Applies what a provider says about a payout: the transitions it implies, and the dispatcher's next step.
/// The money follows from the transitions' events in the same unit of work (post on paid, void on
/// rejected/failed, reversal on returned), so the money and the status can never disagree. A status that
/// does not move the payout forward (stale, duplicated, out of order) changes nothing.
/// </summary>
internal static class Settlement
{
    public static Result<PayoutDispatch> Apply(Payout payout, PayoutDispatch dispatch, ProviderPayoutStatus status, DispatchPolicy policy, DateTimeOffset now)
    {
        var reason = status.Reason ?? status.State.ToString();
        var moved = (payout.Status, status.State) switch
        {
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Pending or ProviderPayoutState.Processing) =>
                Accept(payout, status, now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Completed) =>
                Then(Accept(payout, status, now), () => payout.Complete(now)),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Rejected or ProviderPayoutState.Cancelled) =>
                payout.Reject(reason, now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Failed) =>
                payout.Fail(reason, now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Returned) =>
                Then(Then(Accept(payout, status, now), () => payout.Complete(now)), () => payout.Return(reason, now)),

            // Paid, then the provider reports it undone (some report a return as a late rejection).
            (PayoutStatus.InitiationCompleted, ProviderPayoutState.Returned or ProviderPayoutState.Rejected or ProviderPayoutState.Failed or ProviderPayoutState.Cancelled) =>
                payout.Return(reason, now),
            _ => Result.Success,
        };

        return moved.IsSuccess ? NextStep(payout, dispatch, policy, now) : moved.Error;
    }

    private static PayoutDispatch NextStep(Payout payout, PayoutDispatch dispatch, DispatchPolicy policy, DateTimeOffset now) => payout.Status switch
    {
        PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing => dispatch.Then(DispatchStage.Track, now + policy.PollDelay(now - payout.CreatedAt), now),
        PayoutStatus.InitiationCompleted when now - payout.CreatedAt < policy.WatchWindow => dispatch.Then(DispatchStage.Watch, now + policy.WatchInterval, now),
        _ => dispatch.Then(DispatchStage.Done, null, now),
    };

    private static Result Accept(Payout payout, ProviderPayoutStatus status, DateTimeOffset now) =>
        payout.Status == PayoutStatus.InitiationPending
            ? payout.StartProcessing(status.ProviderReference ?? payout.Id.Value.ToString(CultureInfo.InvariantCulture), now)
            : Result.Success;

    private static Result Then(Result first, Func<Result> next) => first.IsSuccess ? next() : first;
}
