using System.Globalization;
using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Dispatch;

/// <summary>
/// Drives payouts to a final status, one step at a time. A step that sends a payout first records
/// <see cref="DispatchStage.Submitting"/>, so a crash or timeout in the middle leaves a known "unknown"
/// that the next step resolves by asking the provider before sending again. Provider calls happen
/// outside any transaction; every status change and its ledger move are written in one.
/// The caller (the worker) never runs two steps of the same payout at once.
/// </summary>
public sealed partial class PayoutDispatcher(
    IUnitOfWork unitOfWork, IEnumerable<IPayoutProvider> providers, DispatchPolicy policy, TimeProvider clock, DispatchSignal signal, ILogger<PayoutDispatcher> logger)
{
    private readonly Dictionary<string, IPayoutProvider> _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>Takes over payouts announced in the outbox; each gets its dispatch record once.</summary>
    public async Task ScheduleAsync(IReadOnlyList<(long MessageId, long PayoutId)> created, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await unitOfWork.ExecuteAsync<bool>(
            session =>
            {
                foreach (var (messageId, payoutId) in created)
                {
                    if (session.FindDispatch(payoutId) is null)
                    {
                        session.SaveDispatch(PayoutDispatch.Start(payoutId, now));
                    }

                    session.DeleteOutboxMessage(messageId);
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
                var dispatch = session.FindDispatch(payoutId);
                if (dispatch is null)
                {
                    return Result<bool>.Success(false);
                }

                var stage = dispatch.Stage == DispatchStage.Done && session.FindPayout(new PayoutId(payoutId))?.Status == PayoutStatus.InitiationCompleted
                    ? DispatchStage.Watch
                    : dispatch.Stage;
                if (stage != DispatchStage.Done)
                {
                    session.SaveDispatch(dispatch with { Stage = stage, NextAttemptAt = now, UpdatedAt = now });
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
            await RetryLaterAsync(payoutId, $"no adapter for provider '{step.Provider}'", cancellationToken);
            return;
        }

        switch (step.Stage)
        {
            case DispatchStage.Submit:
                await SubmitAsync(provider, step.Instruction, cancellationToken);
                break;
            case DispatchStage.Submitting:
                await ResolveUnknownAsync(provider, step.Instruction, cancellationToken);
                break;
            default:
                await CheckAsync(provider, step.Instruction, cancellationToken);
                break;
        }
    }

    private async Task SubmitAsync(IPayoutProvider provider, PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var outcome = await provider.SubmitAsync(instruction, cancellationToken);
        LogSubmitted(logger, instruction.PayoutId, provider.Name, outcome.GetType().Name);
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                await SettleAsync(instruction.PayoutId, new ProviderPayoutStatus(ProviderPayoutState.Pending, accepted.ProviderReference), cancellationToken);
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
            await SubmitAsync(provider, instruction, cancellationToken);
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
                var payout = session.FindPayout(new PayoutId(payoutId))!;
                var dispatch = session.FindDispatch(payoutId)!;
                var version = payout.Version;
                var next = Settlement.Apply(session, payout, dispatch, status, policy, now);
                if (!next.IsSuccess)
                {
                    return Result<PayoutStatus>.Failure(next.Error);
                }

                if (payout.Version != version)
                {
                    session.UpdatePayout(payout, version);
                }

                session.SaveDispatch(next.Value);
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
                var dispatch = session.FindDispatch(payoutId)!;
                session.SaveDispatch(dispatch.RetryLater(error, policy, now) with { Stage = stage ?? dispatch.Stage });
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
        var dispatch = session.FindDispatch(payoutId);
        var payout = session.FindPayout(new PayoutId(payoutId));
        if (dispatch is null || payout is null || dispatch.Stage == DispatchStage.Done || dispatch.NextAttemptAt > now)
        {
            return Result<Step?>.Success(null);
        }

        if (dispatch.Stage == DispatchStage.Submit && payout.Status != PayoutStatus.InitiationPending)
        {
            // Cancelled (or otherwise settled) before we sent it: nothing to send.
            session.SaveDispatch(dispatch.Then(DispatchStage.Done, null, now));
            return Result<Step?>.Success(null);
        }

        var recipient = RecipientOf(session, payout);
        if (recipient is null)
        {
            return Refuse(session, payout, dispatch, now);
        }

        var instruction = new PayoutInstruction(payoutId, payout.Amount, recipient, payout.ProviderReference, $"Payout {payoutId.ToString(CultureInfo.InvariantCulture)}");
        if (dispatch.Stage == DispatchStage.Submit)
        {
            session.SaveDispatch(dispatch with { Stage = DispatchStage.Submitting, NextAttemptAt = now + policy.InFlightLease, UpdatedAt = now });
        }
        else
        {
            // Whatever happens to this step, the payout comes back after the lease.
            session.SaveDispatch(dispatch with { NextAttemptAt = now + policy.InFlightLease, UpdatedAt = now });
        }

        return Result<Step?>.Success(new Step(payout.Provider, dispatch.Stage, instruction));
    }

    private static ProviderAccount? RecipientOf(IWriteSession session, Payout payout)
    {
        var method = session.FindCashoutMethod(payout.OwnerId, payout.Provider);
        return method is { Status: CashoutMethodLink.Linked, Reference: { Length: > 0 } account } ? new ProviderAccount(account) : null;
    }

    /// <summary>The user's method was unlinked after the cashout was made: it cannot be sent, so the money goes back.</summary>
    private static Result<Step?> Refuse(IWriteSession session, Payout payout, PayoutDispatch dispatch, DateTimeOffset now)
    {
        if (dispatch.Stage != DispatchStage.Submit)
        {
            return Result<Step?>.Success(new Step(payout.Provider, dispatch.Stage, new PayoutInstruction(
                payout.Id.Value, payout.Amount, new ProviderAccount(payout.ProviderReference ?? ""), payout.ProviderReference, "")));
        }

        var version = payout.Version;
        var released = Settlement.Release(session, payout, () => payout.Reject("cashout method no longer linked", now), now);
        if (!released.IsSuccess)
        {
            return released.Error;
        }

        session.UpdatePayout(payout, version);
        session.SaveDispatch(dispatch.Then(DispatchStage.Done, null, now));
        return Result<Step?>.Success(null);
    }

    private sealed record Step(string Provider, DispatchStage Stage, PayoutInstruction Instruction);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} submitted to {Provider}: {Outcome}")]
    private static partial void LogSubmitted(ILogger logger, long payoutId, string provider, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId}: provider says {ProviderState}, payout is {Status}")]
    private static partial void LogSettled(ILogger logger, long payoutId, ProviderPayoutState providerState, PayoutStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} will be retried: {Error}")]
    private static partial void LogRetry(ILogger logger, long payoutId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout {PayoutId}: dispatch step could not be recorded ({Code})")]
    private static partial void LogStepFailed(ILogger logger, long payoutId, string code);
}
