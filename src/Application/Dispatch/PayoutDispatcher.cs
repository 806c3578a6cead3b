using System.Globalization;
using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Dispatch;

/// <summary>
/// Drives payouts to a final status, one step at a time. A step that sends a payout first records
/// <see cref="DispatchStage.Submitting"/>, so a crash or timeout in the middle leaves a known "unknown"
/// that the next step resolves by asking the provider before sending again. Provider calls happen
/// outside any transaction; every status change is written in one unit of work, which moves its money too.
/// A step is claimed with a lease in the database, so that with several replicas on one database a payout is
/// worked on by one step at a time: the claim reads its rows locked and checks them due, so two claims cannot both
/// win, and a step records its outcome only if its claim still holds the payout (a step that outlived its lease
/// leaves the payout to whoever claimed it since).
/// </summary>
public sealed partial class PayoutDispatcher(
    IUnitOfWork unitOfWork,
    IEnumerable<IPayoutProvider> providers,
    DispatchPolicy policy,
    TimeProvider clock,
    DispatchSignal signal,
    ILogger<PayoutDispatcher> logger)
{
    private readonly Dictionary<Provider, IPayoutProvider> _providers = providers.ToDictionary(p => p.Provider);

    /// <summary>Takes over payouts announced in the outbox; each gets its dispatch record once.</summary>
    public async Task ScheduleAsync(IReadOnlyList<(long MessageId, long PayoutId, string? Recipient)> created, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await unitOfWork.ExecuteAsync<bool>(
            session =>
            {
                foreach (var (messageId, payoutId, recipient) in created)
                {
                    // Deleting the message is the claim: another replica that read it too deletes nothing and leaves the dispatch alone.
                    if (session.Outbox.Delete(messageId) && session.Dispatches.Find(payoutId) is null)
                    {
                        session.Dispatches.Save(PayoutDispatch.Start(payoutId, recipient, now));
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// A provider notified a change: check the payout now rather than at the next poll. The
    /// notification itself is never trusted for the status, so duplicates and reordering are harmless.
    /// </summary>
    public async Task<bool> RequestCheckAsync(long payoutId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await unitOfWork.ExecuteAsync(
            session =>
            {
                var dispatch = session.Dispatches.Find(payoutId);
                if (dispatch is null)
                {
                    return Result<bool>.Success(false);
                }

                var stage = dispatch.Stage == DispatchStage.Done && session.Payouts.Find(new PayoutId(payoutId))?.Status == PayoutStatus.InitiationCompleted
                    ? DispatchStage.Watch
                    : dispatch.Stage;
                // A step in flight keeps its lease: it reads the status itself, and hurrying the payout would start a second step beside it.
                if (stage != DispatchStage.Done && !dispatch.IsLeased(policy.InFlightLease, now))
                {
                    session.Dispatches.Save(dispatch with { Stage = stage, NextAttemptAt = now, UpdatedAt = now });
                }

                return Result<bool>.Success(true);
            },
            cancellationToken);
        signal.Wake();
        return found.IsSuccess && found.Value;
    }

    /// <summary>Takes the next step with one payout, if it is due.</summary>
    public async Task AdvanceAsync(long payoutId, CancellationToken cancellationToken)
    {
        var claim = await unitOfWork.ExecuteAsync(session => Claim(session, payoutId), cancellationToken);
        if (!claim.IsSuccess)
        {
            LogStepFailed(logger, payoutId, claim.Error.Code);
            return;
        }

        if (claim.Value is not { } step)
        {
            return;
        }

        if (!_providers.TryGetValue(step.Provider, out var provider))
        {
            await RetryLaterAsync(step, $"no adapter for provider '{ProviderNames.Of(step.Provider)}'", cancellationToken);
            return;
        }

        // The step must end before its lease does, or the payout could be picked up again while this call is in flight.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(policy.InFlightLease * 0.8);
        try
        {
            await (step.Stage switch
            {
                DispatchStage.Submit => SubmitAsync(provider, step, mayHaveBeenSent: false, deadline.Token),
                DispatchStage.Submitting => ResolveUnknownAsync(provider, step, deadline.Token),
                _ => CheckAsync(provider, step, deadline.Token),
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Left as claimed: after the lease the payout comes back, and an unknown submission is resolved by asking first.
            LogStepTimedOut(logger, payoutId);
        }
    }

    /// <param name="mayHaveBeenSent">
    /// True if an earlier attempt may have reached the provider. A refusal then proves nothing about that
    /// attempt (the provider may answer a repeat with any error while it pays the first), so the money stays
    /// reserved and the payout is kept for the provider's status or an operator, never released.
    /// </param>
    private async Task SubmitAsync(IPayoutProvider provider, Step step, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        var instruction = step.Instruction;
        var outcome = await provider.SubmitAsync(instruction, cancellationToken);
        var name = ProviderNames.Of(provider.Provider);
        LogSubmitted(logger, instruction.PayoutId, name, outcome.GetType().Name);
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                await SettleAsync(step, new ProviderPayoutStatus(ProviderPayoutState.Pending, accepted.ProviderReference), cancellationToken);
                break;
            case SubmitOutcome.Refused refused when mayHaveBeenSent:
                LogRefusedAfterUnknown(logger, instruction.PayoutId, name, refused.Code);
                await RetryLaterAsync(step, $"refused ({refused.Code}) after an earlier attempt may have reached {name}: kept reserved for review", cancellationToken);
                break;
            case SubmitOutcome.Refused refused:
                await SettleAsync(step, new ProviderPayoutStatus(ProviderPayoutState.Rejected, null, $"{refused.Code}: {refused.Reason}"), cancellationToken);
                break;
            case SubmitOutcome.NotSent notSent:
                await RetryLaterAsync(step, notSent.Reason, cancellationToken, DispatchStage.Submit);
                break;
            case SubmitOutcome.Unknown unknown:
                await RetryLaterAsync(step, unknown.Reason, cancellationToken);
                break;
        }
    }

    /// <summary>A submission whose outcome we never learned: the provider says whether it has the payout; only if not, send again.</summary>
    private async Task ResolveUnknownAsync(IPayoutProvider provider, Step step, CancellationToken cancellationToken)
    {
        var status = await provider.GetStatusAsync(step.Instruction, cancellationToken);
        if (!status.IsSuccess)
        {
            await RetryLaterAsync(step, status.Failure!.Message, cancellationToken);
            return;
        }

        if (status.Value!.State == ProviderPayoutState.NotFound)
        {
            await SubmitAsync(provider, step, mayHaveBeenSent: true, cancellationToken);
            return;
        }

        await SettleAsync(step, status.Value, cancellationToken);
    }

    private async Task CheckAsync(IPayoutProvider provider, Step step, CancellationToken cancellationToken)
    {
        var status = await provider.GetStatusAsync(step.Instruction, cancellationToken);
        if (!status.IsSuccess || status.Value!.State == ProviderPayoutState.NotFound)
        {
            // The provider accepted this payout, so "not found" is its glitch, not a reason to send it again.
            await RetryLaterAsync(step, status.Failure?.Message ?? "provider does not find an accepted payout", cancellationToken);
            return;
        }

        await SettleAsync(step, status.Value, cancellationToken);
    }

    private async Task SettleAsync(Step step, ProviderPayoutStatus status, CancellationToken cancellationToken)
    {
        var payoutId = step.PayoutId;
        var now = clock.GetUtcNow();
        var result = await unitOfWork.ExecuteAsync(
            session =>
            {
                var payout = session.Payouts.Find(new PayoutId(payoutId))!;
                var dispatch = session.Dispatches.Find(payoutId)!;
                if (!dispatch.IsHeldUntil(step.LeaseEnd))
                {
                    return Result<PayoutStatus?>.Success(null);
                }

                if (status.State == ProviderPayoutState.Completed && payout.Status is PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Cancelled)
                {
                    // Nothing here can undo it: the reservation is gone and the recipient has the money.
                    LogPaidAfterRelease(logger, payoutId, payout.Status);
                }

                var next = Settlement.Apply(payout, dispatch, status, policy, now);
                if (!next.IsSuccess)
                {
                    return Result<PayoutStatus?>.Failure(next.Error);
                }

                session.Dispatches.Save(next.Value);
                return Result<PayoutStatus?>.Success(payout.Status);
            },
            cancellationToken);

        if (!result.IsSuccess)
        {
            await RetryLaterAsync(step, result.Error.Code, cancellationToken);
        }
        else if (result.Value is { } settled)
        {
            LogSettled(logger, payoutId, status.State, settled);
        }
        else
        {
            LogLeaseLost(logger, payoutId, status.State.ToString());
        }
    }

    /// <param name="stage">The stage to wait in; by default the current one (so an unknown submission stays unknown).</param>
    private async Task RetryLaterAsync(Step step, string error, CancellationToken cancellationToken, DispatchStage? stage = null)
    {
        var payoutId = step.PayoutId;
        var now = clock.GetUtcNow();
        LogRetry(logger, payoutId, error);
        var held = await unitOfWork.ExecuteAsync(
            session =>
            {
                var dispatch = session.Dispatches.Find(payoutId)!;
                if (!dispatch.IsHeldUntil(step.LeaseEnd))
                {
                    return Result<bool>.Success(false);
                }

                session.Dispatches.Save(dispatch.RetryLater(error, policy, now) with { Stage = stage ?? dispatch.Stage });
                return Result<bool>.Success(true);
            },
            cancellationToken);
        if (held is { IsSuccess: true, Value: false })
        {
            LogLeaseLost(logger, payoutId, "a retry");
        }
    }

    /// <summary>
    /// Reads the payout and decides the step. Before a submission it records <see cref="DispatchStage.Submitting"/>
    /// with a lease, so if we die mid-call the payout comes back as "outcome unknown", never as "not sent".
    /// The rows are read locked (on PostgreSQL; SQLite has one writer), so of two replicas claiming the same payout
    /// the second reads it after the first committed its lease and finds it not due.
    /// </summary>
    private Result<Step?> Claim(IWriteSession session, long payoutId)
    {
        var now = clock.GetUtcNow();

        // Payout before dispatch, the order every unit that changes both reads them in (settling, cancelling).
        var payout = session.Payouts.Find(new PayoutId(payoutId));
        var dispatch = session.Dispatches.Find(payoutId);
        if (dispatch is null || payout is null || dispatch.Stage == DispatchStage.Done || dispatch.NextAttemptAt > now)
        {
            return Result<Step?>.Success(null);
        }

        if (dispatch.Stage == DispatchStage.Submit && payout.Status != PayoutStatus.InitiationPending)
        {
            // Cancelled (or otherwise settled) before we sent it: nothing to send.
            session.Dispatches.Save(dispatch.Then(DispatchStage.Done, null, now));
            return Result<Step?>.Success(null);
        }

        if (dispatch.Stage == DispatchStage.Submit && payout.Kind == PayoutKind.Cashout && !IsStillLinked(session.CashoutMethods, payout))
        {
            // Never sent, and the user unlinked the method since: the money goes back.
            return Release(session, payout, dispatch, "cashout method no longer linked", now);
        }

        // Only a payout with a provider is handed to the dispatcher (a merchant's gets one with the recipient's details).
        var provider = payout.Provider ?? throw new InvalidOperationException($"Payout {payoutId} is dispatched without a provider.");

        // The recipient was fixed when the payout was made: a later re-link never redirects it, and a resend
        // after an unknown outcome always goes to the same account as the first attempt.
        var recipient = RecipientCodec.Decode(dispatch.Recipient);
        var instruction = new PayoutInstruction(payoutId, payout.Amount, recipient, payout.ProviderReference, $"Payout {payoutId.ToString(CultureInfo.InvariantCulture)}");
        var stage = dispatch.Stage == DispatchStage.Submit ? DispatchStage.Submitting : dispatch.Stage;

        // Whatever happens to this step, the payout comes back after the lease.
        var leased = dispatch.Lease(stage, policy.InFlightLease, now);
        session.Dispatches.Save(leased);
        return Result<Step?>.Success(new Step(provider, dispatch.Stage, instruction, leased.NextAttemptAt!.Value));
    }

    private static bool IsStillLinked(ICashoutMethodWrites methods, Payout payout) =>
        methods.Find(payout.OwnerId, payout.Provider!.Value) is { Status: LinkStatus.Linked };

    private static Result<Step?> Release(IWriteSession session, Payout payout, PayoutDispatch dispatch, string reason, DateTimeOffset now)
    {
        var released = payout.Reject(reason, now);
        if (!released.IsSuccess)
        {
            return released.Error;
        }

        session.Dispatches.Save(dispatch.Then(DispatchStage.Done, null, now));
        return Result<Step?>.Success(null);
    }

    /// <param name="LeaseEnd">When the claim's lease ends: the step's outcome is recorded only while it still holds the payout.</param>
    private sealed record Step(Provider Provider, DispatchStage Stage, PayoutInstruction Instruction, DateTimeOffset LeaseEnd)
    {
        public long PayoutId => Instruction.PayoutId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} submitted to {Provider}: {Outcome}")]
    private static partial void LogSubmitted(ILogger logger, long payoutId, string provider, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId}: provider says {ProviderState}, payout is {Status}")]
    private static partial void LogSettled(ILogger logger, long payoutId, ProviderPayoutState providerState, PayoutStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} will be retried: {Error}")]
    private static partial void LogRetry(ILogger logger, long payoutId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout {PayoutId}: {Provider} refused a resend ({Code}) after an earlier attempt may have reached it; the money stays reserved until its status is known")]
    private static partial void LogRefusedAfterUnknown(ILogger logger, long payoutId, string provider, string code);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Payout {PayoutId} is {Status} and its reservation released, but the provider reports it paid: reconcile by hand")]
    private static partial void LogPaidAfterRelease(ILogger logger, long payoutId, PayoutStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId}: dispatch step exceeded its deadline; it resumes after its lease")]
    private static partial void LogStepTimedOut(ILogger logger, long payoutId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId}: dispatch step outlived its lease and another took the payout over; its outcome ({Outcome}) is not recorded, the step that holds it reads the status itself")]
    private static partial void LogLeaseLost(ILogger logger, long payoutId, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout {PayoutId}: dispatch step could not be recorded ({Code})")]
    private static partial void LogStepFailed(ILogger logger, long payoutId, string code);
}
