namespace Payouts.Application.Common.Providers;

/// <summary>What came of sending a payout. Only <see cref="Unknown"/> leaves us unsure whether the provider has it.</summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    /// <summary>The provider has the payout (new, or the one it already had under our id).</summary>
    public sealed record Accepted(string ProviderReference) : SubmitOutcome;

    /// <summary>The provider refused it for good (bad data, unsupported, ...); sending again cannot help.</summary>
    public sealed record Refused(string Code, string Reason) : SubmitOutcome;

    /// <summary>The request certainly did not create a payout (refused before processing: 429, circuit open, connection refused).</summary>
    public sealed record NotSent(string Reason) : SubmitOutcome;

    /// <summary>The request may or may not have reached the provider (timeout, 5xx, unreadable reply): ask before sending again.</summary>
    public sealed record Unknown(string Reason) : SubmitOutcome;
}
