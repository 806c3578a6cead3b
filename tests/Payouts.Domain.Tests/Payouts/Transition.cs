using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>The payout's transition methods as data, so the tests can cover every status × transition pair.</summary>
public enum Transition { ProvideRecipientDetails, StartProcessing, Complete, Reject, Fail, Cancel, Return }

internal static class Transitions
{
    public const string ProviderReference = "prov-ref-1";

    public static Result Apply(this Payout payout, Transition transition, DateTimeOffset now) => transition switch
    {
        Transition.ProvideRecipientDetails => payout.ProvideRecipientDetails(Provider.Tupay, now),
        Transition.StartProcessing => payout.StartProcessing(ProviderReference, now),
        Transition.Complete => payout.Complete(now),
        Transition.Reject => payout.Reject("Recipient account closed", now),
        Transition.Fail => payout.Fail("Provider unavailable", now),
        Transition.Cancel => payout.Cancel(now),
        Transition.Return => payout.Return("Returned by bank", now),
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    public static PayoutStatus Target(Transition transition) => transition switch
    {
        Transition.ProvideRecipientDetails => PayoutStatus.InitiationPending,
        Transition.StartProcessing => PayoutStatus.InitiationProcessing,
        Transition.Complete => PayoutStatus.InitiationCompleted,
        Transition.Reject => PayoutStatus.InitiationRejected,
        Transition.Fail => PayoutStatus.InitiationFailed,
        Transition.Cancel => PayoutStatus.Cancelled,
        Transition.Return => PayoutStatus.Returned,
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    public static Type EventOf(Transition transition) => transition switch
    {
        Transition.ProvideRecipientDetails => typeof(PayoutRecipientDetailsProvided),
        Transition.StartProcessing => typeof(PayoutProcessingStarted),
        Transition.Complete => typeof(PayoutCompleted),
        Transition.Reject => typeof(PayoutRejected),
        Transition.Fail => typeof(PayoutFailed),
        Transition.Cancel => typeof(PayoutCancelled),
        Transition.Return => typeof(PayoutReturned),
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    // The verb each illegal-transition message uses, e.g. "Cannot complete a payout that is Cancelled."
    public static string Verb(Transition transition) => transition switch
    {
        Transition.ProvideRecipientDetails => "provide recipient details for",
        Transition.StartProcessing => "start processing",
        _ => transition.ToString().ToLowerInvariant(),
    };
}
