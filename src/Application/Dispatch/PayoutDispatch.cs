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

    /// <summary>
    /// Claims a step: the payout is due again only when the lease ends, so no other worker, in this process or
    /// another replica, takes it while the step's provider call is out.
    /// </summary>
    public PayoutDispatch Lease(DispatchStage stage, TimeSpan lease, DateTimeOffset now) =>
        this with { Stage = stage, NextAttemptAt = now + lease, UpdatedAt = now };

    /// <summary>
    /// Whether a step holds the payout now: a claim's shape, the next attempt exactly one lease after the claim was
    /// written (InFlightRecovery's SQL recognises the same shape).
    /// </summary>
    public bool IsLeased(TimeSpan lease, DateTimeOffset now) => NextAttemptAt > now && NextAttemptAt - UpdatedAt == lease;

    /// <summary>
    /// Whether the claim whose lease ends at <paramref name="leaseEnd"/> still holds the payout: nothing was written
    /// since. Every other write moves the next attempt, and another claim can only come once this lease has ended, so
    /// it sets a later one. (Compared in the stored milliseconds.)
    /// </summary>
    public bool IsHeldUntil(DateTimeOffset leaseEnd) => NextAttemptAt?.ToUnixTimeMilliseconds() == leaseEnd.ToUnixTimeMilliseconds();

    public PayoutDispatch RetryLater(string error, DispatchPolicy policy, DateTimeOffset now) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = now + policy.Backoff(Attempts + 1), LastError = error, UpdatedAt = now };
}
