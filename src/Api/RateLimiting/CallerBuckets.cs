using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Payouts.Api.RateLimiting;

/// <summary>
/// The token buckets, one per (route family, caller) of a family with a limit, each the library's
/// <see cref="TokenBucketRateLimiter"/> refilled when its caller calls rather than by a timer.
/// </summary>
/// <remarks>
/// We hold the buckets ourselves instead of in PartitionedRateLimiter because its heartbeat visits every partition
/// every 100 ms: with bench/cashouts.sh's 10,000 users, 100,000 bucket visits a second, 1.4% of the server's CPU in
/// the heartbeat and ~2% with the partitions' per-call overhead (Lazy, a dictionary under a lock). Without
/// AutoReplenishment, TryReplenish adds the tokens earned since the bucket's last replenishment (capped at its
/// TokenLimit), so refilling just before each acquire grants what a timer would have, and an idle bucket costs nothing.
///
/// The library's TryReplenish returns early on a full bucket without moving its replenishment clock, so a bucket
/// replenished while full and later emptied would be credited again for the whole time it sat full (up to twice its
/// burst at once). Hence only a check replenishes, and at once takes a permit; and the sweep, which must replenish to
/// see whether a bucket is full, evicts every bucket it finds full. Evicting a full bucket changes nothing: its
/// caller's next check makes a new one, full, as the old one was.
/// </remarks>
internal sealed class CallerBuckets : IAsyncDisposable
{
    /// <summary>Idle buckets' memory goes back within this; a sweep visits each bucket once, a hundredth of the heartbeat's visits.</summary>
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Family, string Caller), Entry> _buckets = new();
    private readonly Dictionary<string, TokenBucketRateLimiterOptions> _limits;
    private readonly PeriodicTimer _sweepTimer = new(SweepPeriod);
    private readonly Task _sweeps;

    public CallerBuckets(IReadOnlyDictionary<string, FamilyLimit> families)
    {
        _limits = families.Where(f => f.Value.PermitsPerSecond > 0)
            .ToDictionary(f => f.Key, f => BucketOf(f.Value), StringComparer.OrdinalIgnoreCase);
        _sweeps = SweepPeriodicallyAsync();
    }

    internal int Count => _buckets.Count;

    /// <summary>Takes one of the caller's permits in <paramref name="family"/>; false, with when to retry, if it has none left.</summary>
    public bool TryAcquire(string family, string caller, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_limits.TryGetValue(family, out var limit))
        {
            return true;
        }

        var key = (family, caller);
        while (true)
        {
            var entry = _buckets.GetOrAdd(key, static (_, limit) => new Entry(limit), limit);
            lock (entry)
            {
                if (entry.Evicted)
                {
                    _buckets.TryRemove(KeyValuePair.Create(key, entry)); // as the sweep does too: the next lookup makes a new one
                    continue;
                }

                entry.Bucket.TryReplenish();
                using var lease = entry.Bucket.AttemptAcquire();
                if (!lease.IsAcquired)
                {
                    retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                }

                return lease.IsAcquired;
            }
        }
    }

    /// <summary>
    /// Evicts the buckets that are full. Whether a bucket is full and whether it is evicted are decided under the
    /// entry's lock, as each check is, so no check takes a permit from a bucket on its way out: the caller never
    /// spends an evicted bucket's tokens and then a new one's, nor is it refused by a bucket being evicted.
    /// </summary>
    internal void Sweep()
    {
        foreach (var (key, entry) in _buckets)
        {
            bool evicted;
            lock (entry)
            {
                entry.Bucket.TryReplenish();
                evicted = entry.Evicted = entry.Bucket.IdleDuration is not null; // the library's "all permits available"
            }

            if (evicted)
            {
                _buckets.TryRemove(KeyValuePair.Create(key, entry));
                entry.Bucket.Dispose();
            }
        }
    }

    private async Task SweepPeriodicallyAsync()
    {
        while (await _sweepTimer.WaitForNextTickAsync())
        {
            Sweep();
        }
    }

    private static TokenBucketRateLimiterOptions BucketOf(FamilyLimit limit) => new()
    {
        TokenLimit = Math.Max(limit.Burst, limit.PermitsPerSecond),
        TokensPerPeriod = limit.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = false, // replenished by TryAcquire: a timer per bucket cost a fifth of the cashout throughput
    };

    public async ValueTask DisposeAsync()
    {
        _sweepTimer.Dispose();
        await _sweeps;
        foreach (var entry in _buckets.Values)
        {
            await entry.Bucket.DisposeAsync();
        }

        _buckets.Clear();
    }

    /// <summary>A caller's bucket and whether the sweep has evicted it, both read and written under the entry's lock.</summary>
    private sealed class Entry(TokenBucketRateLimiterOptions limit)
    {
        public TokenBucketRateLimiter Bucket { get; } = new(limit);

        public bool Evicted { get; set; }
    }
}
