namespace Payouts.Application.Dispatch;

/// <summary>The dispatcher's timing, bound from the "Dispatch" configuration section.</summary>
public sealed class DispatchPolicy
{
    public const string SectionName = "Dispatch";

    /// <summary>Whether this process runs the dispatcher's background loop; tests that pump it by hand turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>First retry after a failed step; doubles per failure, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a payout the provider has is polled when no notification arrives, at first.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between polls: a payout the provider holds for days is not polled every 30 s.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a paid payout is checked for a return, and for how long after it was created.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan WatchWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a step may take before the payout is picked up again (after a crash, its outcome is then
    /// resolved by asking the provider). Longer than a provider call with its retries.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker looks for due work when nothing wakes it.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Payouts advanced at the same time (each payout only ever by one).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>The wait before the next poll: a tenth of the payout's age, between the two bounds.</summary>
    public TimeSpan PollDelay(TimeSpan age) =>
        TimeSpan.FromTicks(Math.Clamp(age.Ticks / 10, PollInterval.Ticks, Math.Max(PollInterval.Ticks, MaxPollInterval.Ticks)));

    /// <summary>
    /// The backoff's jitter source. Not configuration: the pipeline simulation seeds it, so that a failing seed
    /// replays step for step (a seeded Random is not thread-safe; the worker's default is Random.Shared).
    /// </summary>
    public Random? Jitter { get; init; }

    /// <summary>Exponential backoff with "equal jitter": between half and all of the exponential delay.</summary>
    public TimeSpan Backoff(int attempts) => Common.Backoff.EqualJitter(attempts, BaseBackoff, MaxBackoff, Jitter);
}
