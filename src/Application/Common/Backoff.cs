namespace Payouts.Application.Common;

/// <summary>Retry waits shared by the dispatcher and the webhook sender.</summary>
public static class Backoff
{
    /// <summary>
    /// The wait after <paramref name="attempts"/> failures: exponential from <paramref name="first"/>, capped at
    /// <paramref name="max"/>, with "equal jitter" (between half and all of it), so callers recovering from an
    /// outage are not retried all at once.
    /// </summary>
    /// <param name="random">The jitter's source: <see cref="Random.Shared"/> unless a seeded run must replay exactly.</param>
    public static TimeSpan EqualJitter(int attempts, TimeSpan first, TimeSpan max, Random? random = null)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var full = Math.Min(max.Ticks, first.Ticks * (1L << exponent));
        var half = full / 2;
        return TimeSpan.FromTicks(half + (random ?? Random.Shared).NextInt64(half + 1));
    }
}
