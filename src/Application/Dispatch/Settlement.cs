using System.Globalization;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Dispatch;

/// <summary>
/// Applies what a provider says about a payout: the payout's status change and the ledger move it
/// implies (post on paid, void on rejected/failed, reversal on returned), in the caller's unit of work,
/// so the money and the status can never disagree. A status that does not move the payout forward
/// (stale, duplicated, out of order) changes nothing.
/// </summary>
internal static class Settlement
{
    public static Result<PayoutDispatch> Apply(
        IWriteSession session, Payout payout, PayoutDispatch dispatch, ProviderPayoutStatus status, DispatchPolicy policy, DateTimeOffset now)
    {
        var reason = status.Reason ?? status.State.ToString();
        var moved = (payout.Status, status.State) switch
        {
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Pending or ProviderPayoutState.Processing) =>
                Accept(payout, status, now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Completed) =>
                Then(Accept(payout, status, now), () => Pay(session, payout, now)),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Rejected or ProviderPayoutState.Cancelled) =>
                Release(session, payout, () => payout.Reject(reason, now), now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Failed) =>
                Release(session, payout, () => payout.Fail(reason, now), now),
            (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing, ProviderPayoutState.Returned) =>
                Then(Then(Accept(payout, status, now), () => Pay(session, payout, now)), () => GiveBack(session, payout, reason, now)),

            // Paid, then the provider reports it undone (some report a return as a late rejection).
            (PayoutStatus.InitiationCompleted, ProviderPayoutState.Returned or ProviderPayoutState.Rejected or ProviderPayoutState.Failed or ProviderPayoutState.Cancelled) =>
                GiveBack(session, payout, reason, now),
            _ => Result.Success,
        };

        return moved.IsSuccess ? NextStep(payout, dispatch, policy, now) : moved.Error;
    }

    /// <summary>Voids the reservation of a payout that will not be paid, if <paramref name="transition"/> changed it.</summary>
    public static Result Release(IWriteSession session, Payout payout, Func<Result> transition, DateTimeOffset now) =>
        MoveIfChanged(session, payout, transition, EntryKind.Void, now);

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

    private static Result Pay(IWriteSession session, Payout payout, DateTimeOffset now) =>
        MoveIfChanged(session, payout, () => payout.Complete(now), EntryKind.Post, now);

    private static Result GiveBack(IWriteSession session, Payout payout, string reason, DateTimeOffset now) =>
        MoveIfChanged(session, payout, () => payout.Return(reason, now), EntryKind.Reversal, now);

    /// <summary>Runs the transition, and moves the money only if it really changed the payout (a repeat is a no-op).</summary>
    private static Result MoveIfChanged(IWriteSession session, Payout payout, Func<Result> transition, EntryKind kind, DateTimeOffset now)
    {
        var version = payout.Version;
        var result = transition();
        return result.IsSuccess && payout.Version != version ? Move(session, payout, kind, now) : result;
    }

    private static Result Then(Result first, Func<Result> next) => first.IsSuccess ? next() : first;

    private static Result Move(IWriteSession session, Payout payout, EntryKind kind, DateTimeOffset now)
    {
        // The reservation made this account when the payout was created; its absence is a broken invariant.
        var account = session.FindAccount(payout.OwnerId, payout.Amount.Currency)
            ?? throw new InvalidOperationException($"Payout {payout.Id.Value} has no balance account.");
        var version = account.Version;
        var reference = payout.Id.Value.ToString(CultureInfo.InvariantCulture);
        var entry = kind switch
        {
            EntryKind.Post => account.Post(payout.Amount.Minor, reference, now),
            EntryKind.Void => account.Void(payout.Amount.Minor, reference, now),
            EntryKind.Reversal => account.Reverse(payout.Amount.Minor, reference, now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a settlement move."),
        };
        if (!entry.IsSuccess)
        {
            return entry.Error;
        }

        session.UpdateAccount(account, version);
        session.AddEntry(entry.Value);
        return Result.Success;
    }
}
