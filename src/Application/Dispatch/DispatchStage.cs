namespace Payouts.Application.Dispatch;

/// <summary>Where the dispatcher is with one payout. Stored, so a restart resumes exactly here.</summary>
public enum DispatchStage
{
    /// <summary>Nothing sent yet: the next step submits.</summary>
    Submit,

    /// <summary>
    /// A submission was started and its outcome is not known (in flight, timed out, or the process died).
    /// The next step asks the provider before sending again: an unknown outcome is a state, not a guess.
    /// </summary>
    Submitting,

    /// <summary>The provider has the payout: poll (or wait for a notification) until it is final.</summary>
    Track,

    /// <summary>Paid; still watched for a while, since a paid payout can come back (returned, reversed).</summary>
    Watch,

    /// <summary>Nothing more to do.</summary>
    Done,
}
