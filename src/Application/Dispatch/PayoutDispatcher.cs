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
/// The caller (the worker) never runs two steps of the same payout at once.
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
                    if (session.Dispatches.Find(payoutId) is null)
                    {
                        session.Dispatches.Save(PayoutDispatch.Start(payoutId, recipient, now));
                    }

                    session.Outbox.Delete(messageId);
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
                if (stage != DispatchStage.Done)
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
            await RetryLaterAsync(payoutId, $"no adapter for provider '{ProviderNames.Of(step.Provider)}'", cancellationToken);
            return;
        }

        // The step must end before its lease does, or the payout could be picked up again while this call is in flight.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(policy.InFlightLease * 0.8);
        try
        {
            await (step.Stage switch
            {
                DispatchStage.Submit => SubmitAsync(provider, step.Instruction, mayHaveBeenSent: false, deadline.Token),
                DispatchStage.Submitting => ResolveUnknownAsync(provider, step.Instruction, deadline.Token),
                _ => CheckAsync(provider, step.Instruction, deadline.Token),
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
    private async Task SubmitAsync(IPayoutProvider provider, PayoutInstruction instruction, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        var outcome = await provider.SubmitAsync(instruction, cancellationToken);
        var name = ProviderNames.Of(provider.Provider);
        LogSubmitted(logger, instruction.PayoutId, name, outcome.GetType().Name);
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                await SettleAsync(instruction.PayoutId, new ProviderPayoutStatus(ProviderPayoutState.Pending, accepted.ProviderReference), cancellationToken);
                break;
            case SubmitOutcome.Refused refused when mayHaveBeenSent:
                LogRefusedAfterUnknown(logger, instruction.PayoutId, name, refused.Code);
                await RetryLaterAsync(instruction.PayoutId, $"refused ({refused.Code}) after an earlier attempt may have reached {name}: kept reserved for review", cancellationToken);
                break;
            case SubmitOutcome.Refused refused:
                await SettleAsync(instruction.PayoutId, new ProviderPayoutStatus(ProviderPayoutState.Rejected, null, $"{refused.Code}: {refused.Reason}"), cancellationToken);
                break;
            case SubmitOutcome.NotSent notSent:
                await RetryLaterAsync(instruction.PayoutId, notSent.Reason, cancellationToken, DispatchStage.Submit);
                break;
            case SubmitOutcome.Unknown unknown:
                await RetryLaterAsync(instruction.PayoutId, unknown.Reason, cancellationToken);
                break;
        }
    }

    /// <summary>A submission whose outcome we never learned: the provider says whether it has the payout; only if not, send again.</summary>
    private async Task ResolveUnknownAsync(IPayoutProvider provider, PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var status = await provider.GetStatusAsync(instruction, cancellationToken);
        if (!status.IsSuccess)
        {
            await RetryLaterAsync(instruction.PayoutId, status.Failure!.Message, cancellationToken);
            return;
        }

        if (status.Value!.State == ProviderPayoutState.NotFound)
        {
            await SubmitAsync(provider, instruction, mayHaveBeenSent: true, cancellationToken);
            return;
        }

        await SettleAsync(instruction.PayoutId, status.Value, cancellationToken);
    }

    private async Task CheckAsync(IPayoutProvider provider, PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var status = await provider.GetStatusAsync(instruction, cancellationToken);
        if (!status.IsSuccess || status.Value!.State == ProviderPayoutState.NotFound)
        {
            // The provider accepted this payout, so "not found" is its glitch, not a reason to send it again.
            await RetryLaterAsync(instruction.PayoutId, status.Failure?.Message ?? "provider does not find an accepted payout", cancellationToken);
            return;
        }

        await SettleAsync(instruction.PayoutId, status.Value, cancellationToken);
    }

    private async Task SettleAsync(long payoutId, ProviderPayoutStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = await unitOfWork.ExecuteAsync(
            session =>
            {
                var payout = session.Payouts.Find(new PayoutId(payoutId))!;
                var dispatch = session.Dispatches.Find(payoutId)!;
                if (status.State == ProviderPayoutState.Completed && payout.Status is PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Cancelled)
                {
                    // Nothing here can undo it: the reservation is gone and the recipient has the money.
                    LogPaidAfterRelease(logger, payoutId, payout.Status);
                }

                var next = Settlement.Apply(payout, dispatch, status, policy, now);
                if (!next.IsSuccess)
                {
                    return Result<PayoutStatus>.Failure(next.Error);
                }

                session.Dispatches.Save(next.Value);
                return Result<PayoutStatus>.Success(payout.Status);
            },
            cancellationToken);

        if (result.IsSuccess)
        {
            LogSettled(logger, payoutId, status.State, result.Value);
        }
        else
        {
            await RetryLaterAsync(payoutId, result.Error.Code, cancellationToken);
        }
    }

    /// <param name="stage">The stage to wait in; by default the current one (so an unknown submission stays unknown).</param>
    private async Task RetryLaterAsync(long payoutId, string error, CancellationToken cancellationToken, DispatchStage? stage = null)
    {
        var now = clock.GetUtcNow();
        LogRetry(logger, payoutId, error);
        await unitOfWork.ExecuteAsync<bool>(
            session =>
            {
                var dispatch = session.Dispatches.Find(payoutId)!;
                session.Dispatches.Save(dispatch.RetryLater(error, policy, now) with { Stage = stage ?? dispatch.Stage });
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Reads the payout and decides the step. Before a submission it records <see cref="DispatchStage.Submitting"/>
    /// with a lease, so if we die mid-call the payout comes back as "outcome unknown", never as "not sent".
    /// </summary>
    private Result<Step?> Claim(IWriteSession session, long payoutId)
    {
        var now = clock.GetUtcNow();
        var dispatch = session.Dispatches.Find(payoutId);
        var payout = session.Payouts.Find(new PayoutId(payoutId));
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
        session.Dispatches.Save(dispatch with { Stage = stage, NextAttemptAt = now + policy.InFlightLease, UpdatedAt = now });
        return Result<Step?>.Success(new Step(provider, dispatch.Stage, instruction));
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

    private sealed record Step(Provider Provider, DispatchStage Stage, PayoutInstruction Instruction);

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout {PayoutId}: dispatch step could not be recorded ({Code})")]
    private static partial void LogStepFailed(ILogger logger, long payoutId, string code);
}
