namespace Payouts.Application.Dispatch;

/// <summary>The dispatcher's persisted progress with one payout.</summary>
/// <param name="Attempts">Consecutive steps that did not get an answer; drives the backoff, reset by any answer.</param>
/// <param name="NextAttemptAt">When the next step is due; null once <see cref="DispatchStage.Done"/>.</param>
/// <param name="LastError">The last failure, for operators; never personal data.</param>
/// <param name="Recipient">The provider account the payout goes to, fixed when the payout was made.</param>
public sealed record PayoutDispatch(
    long PayoutId,
    DispatchStage Stage,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset UpdatedAt,
    string? Recipient)
{
    public static PayoutDispatch Start(long payoutId, string? recipient, DateTimeOffset now) => new(payoutId, DispatchStage.Submit, 0, now, null, now, recipient);

    public PayoutDispatch Then(DispatchStage stage, DateTimeOffset? next, DateTimeOffset now) =>
        this with { Stage = stage, Attempts = 0, NextAttemptAt = next, LastError = null, UpdatedAt = now };

    public PayoutDispatch RetryLater(string error, DispatchPolicy policy, DateTimeOffset now) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = now + policy.Backoff(Attempts + 1), LastError = error, UpdatedAt = now };
}
