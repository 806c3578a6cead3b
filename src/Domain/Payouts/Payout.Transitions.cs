using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Payouts;

/// <summary>One method per status transition; the allowed edges are in <see cref="PayoutTransitions"/>.</summary>
public sealed partial class Payout
{
    /// <summary>The recipient entered payout details for <paramref name="provider"/>: AwaitingRecipientDetails → InitiationPending.</summary>
    public Result ProvideRecipientDetails(Provider provider, DateTimeOffset now) =>
        TransitionTo(PayoutStatus.InitiationPending, "provide recipient details for", now, () =>
        {
            Provider = provider;
            return new PayoutRecipientDetailsProvided(Id, OwnerId, Amount, now);
        });

    /// <summary>
    /// The provider accepted the payout: InitiationPending → InitiationProcessing. Repeating it with the same
    /// reference is a no-op; with a different one it is a conflict, as the payout may have been sent twice.
    /// </summary>
    public Result StartProcessing(string providerReference, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerReference);
        if (Status == PayoutStatus.InitiationProcessing && ProviderReference != providerReference)
        {
            return PayoutErrors.ProviderReferenceConflict(ProviderReference ?? "(none)", providerReference);
        }

        return TransitionTo(PayoutStatus.InitiationProcessing, "start processing", now, () =>
        {
            ProviderReference = providerReference;

            // Only a payout with a provider is ever pending: a merchant payout gets one with the recipient's details.
            return new PayoutProcessingStarted(Id, OwnerId, Amount, Provider!.Value, providerReference, now);
        });
    }

    /// <summary>The provider paid: InitiationProcessing → InitiationCompleted.</summary>
    public Result Complete(DateTimeOffset now) =>
        TransitionTo(PayoutStatus.InitiationCompleted, "complete", now,
            () => new PayoutCompleted(Id, OwnerId, Amount, ProviderReference, now));

    /// <summary>Refused for a business reason: InitiationPending or InitiationProcessing → InitiationRejected.</summary>
    public Result Reject(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var from = Status;
        return TransitionTo(PayoutStatus.InitiationRejected, "reject", now, () =>
        {
            FailureReason = reason;
            return new PayoutRejected(Id, OwnerId, Amount, from, reason, now);
        });
    }

    /// <summary>Failed for a technical or provider reason: InitiationPending or InitiationProcessing → InitiationFailed.</summary>
    public Result Fail(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var from = Status;
        return TransitionTo(PayoutStatus.InitiationFailed, "fail", now, () =>
        {
            FailureReason = reason;
            return new PayoutFailed(Id, OwnerId, Amount, from, reason, now);
        });
    }

    /// <summary>
    /// Cancelled before any provider was asked: AwaitingRecipientDetails or InitiationPending → Cancelled.
    /// Not from InitiationProcessing: the provider may already be paying.
    /// </summary>
    public Result Cancel(DateTimeOffset now)
    {
        var from = Status;
        return TransitionTo(PayoutStatus.Cancelled, "cancel", now,
            () => new PayoutCancelled(Id, OwnerId, Amount, from, now));
    }

    /// <summary>The provider returned the money of a completed payout: InitiationCompleted → Returned.</summary>
    public Result Return(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return TransitionTo(PayoutStatus.Returned, "return", now, () =>
        {
            FailureReason = reason;
            return new PayoutReturned(Id, OwnerId, Amount, reason, now);
        });
    }

    /// <param name="to">The target status.</param>
    /// <param name="action">The transition as a verb phrase for the error message.</param>
    /// <param name="now">When the transition happens.</param>
    /// <param name="apply">Sets the transition's own fields and builds its event; runs only if the transition is allowed.</param>
    private Result TransitionTo(PayoutStatus to, string action, DateTimeOffset now, Func<PayoutEvent> apply)
    {
        // A repeated callback or retried command lands here: already done, so succeed without a new event.
        if (Status == to)
        {
            return Result.Success;
        }

        if (!PayoutTransitions.IsAllowed(Status, to))
        {
            return PayoutErrors.IllegalTransition(action, Status);
        }

        var domainEvent = apply();
        Status = to;
        UpdatedAt = ToMilliseconds(now);
        Version++;
        Raise(domainEvent);
        return Result.Success;
    }
}
