namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// 63-bit ids: milliseconds since 2025-01-01 in the high bits, a counter in the low 16. They sort by
/// creation time, so "newest first" is an index scan, and the int64 fits seed 000's cashout_id.
/// Start-up seeds the generator with the largest id on disk, so a clock set back cannot repeat one.
/// </summary>
internal sealed class TimeOrderedIds(TimeProvider clock)
{
    private const int CounterBits = 16;
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _gate = new();
    private long _last;

    public void StartAfter(long id)
    {
        lock (_gate)
        {
            _last = Math.Max(_last, id);
        }
    }

    public long Next()
    {
        var candidate = (long)(clock.GetUtcNow() - Epoch).TotalMilliseconds << CounterBits;
        lock (_gate)
        {
            _last = Math.Max(_last + 1, candidate);
            return _last;
        }
    }
}
