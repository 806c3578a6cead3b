using System.Diagnostics;
using Payouts.Api.RateLimiting;

namespace Payouts.Api.Tests.RateLimiting;

/// <summary>
/// The buckets on real time (the library's bucket reads Stopwatch ticks), refilled only when their caller calls,
/// and the sweep that evicts full ones, run directly here. A paused process only adds time: the upper bounds allow
/// for what the time measured around a step earns, and the lower bounds only gain from it.
/// </summary>
public sealed class CallerBucketsTests
{
    private const string Cashouts = RateLimitedAttribute.Cashouts;
    private const string Links = RateLimitedAttribute.Links;

    [Fact]
    public async Task A_caller_gets_its_burst_and_is_then_refused_with_a_retry_after()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 1, Burst: 5));

        var clock = Stopwatch.StartNew();
        var granted = TakeAll(buckets, Cashouts, "user:a", out var retryAfter);

        granted.Should().BeGreaterThanOrEqualTo(5).And.BeLessThanOrEqualTo(5 + Earned(1, clock));
        retryAfter.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Waiting_for_one_permit_earns_one_with_no_timer_running()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 2, Burst: 4));
        var clock = Stopwatch.StartNew();
        TakeAll(buckets, Cashouts, "user:a", out _);

        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var granted = TakeAll(buckets, Cashouts, "user:a", out _);

        granted.Should().BeGreaterThanOrEqualTo(1, "0.6 s at 2 per second earns one permit");
        granted.Should().BeLessThanOrEqualTo(Earned(2, clock) + 1, "the refill is what the time earned, not the whole burst of 4");
    }

    [Fact]
    public async Task One_callers_exhaustion_spends_neither_another_callers_permits_nor_its_own_in_another_family()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 1, Burst: 3), (Links, PermitsPerSecond: 1, Burst: 3));
        TakeAll(buckets, Cashouts, "user:flooder", out _);

        TakeAll(buckets, Cashouts, "user:neighbour", out _).Should().BeGreaterThanOrEqualTo(3);
        TakeAll(buckets, Links, "user:flooder", out _).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task A_family_without_a_limit_grants_every_call_and_keeps_no_bucket()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 1, Burst: 1), (Links, PermitsPerSecond: 0, Burst: 0));

        Enumerable.Range(0, 100).Count(_ => buckets.TryAcquire(Links, "user:a", out var _)).Should().Be(100);
        buckets.TryAcquire("unconfigured", "user:a", out _).Should().BeTrue();
        buckets.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_idle_bucket_is_evicted_by_the_sweep_and_comes_back_full()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 4, Burst: 4));
        TakeAll(buckets, Cashouts, "user:a", out _);

        await Task.Delay(TimeSpan.FromMilliseconds(1_100)); // 4 tokens at 4 per second: full after 1 s
        buckets.Sweep();
        buckets.Count.Should().Be(0);

        var clock = Stopwatch.StartNew();
        TakeAll(buckets, Cashouts, "user:a", out _).Should().BeGreaterThanOrEqualTo(4).And.BeLessThanOrEqualTo(4 + Earned(4, clock));
    }

    [Fact]
    public async Task A_bucket_not_yet_full_is_kept_by_the_sweep_so_a_caller_gains_nothing_by_waiting_for_one()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 1, Burst: 5));
        var clock = Stopwatch.StartNew();
        TakeAll(buckets, Cashouts, "user:a", out _);

        buckets.Sweep();
        var granted = TakeAll(buckets, Cashouts, "user:a", out _);

        granted.Should().BeLessThanOrEqualTo(Earned(1, clock) + 1, "an emptied bucket refills at 1 per second, whatever the sweep does");
    }

    [Fact]
    public async Task A_bucket_the_sweep_found_full_gives_one_burst_not_one_plus_the_time_it_sat_full()
    {
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 4, Burst: 4));
        buckets.TryAcquire(Cashouts, "user:a", out _);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // 3 + 1.2 tokens: full
        buckets.Sweep();

        // The library's TryReplenish leaves a full bucket's replenishment clock where it was; a bucket the sweep
        // replenished and kept would be credited again for this half second as soon as it is emptied.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        TakeAll(buckets, Cashouts, "user:a", out _).Should().BeLessThanOrEqualTo(4 + Earned(4, clock));
    }

    [Fact]
    public async Task Checks_racing_the_sweeps_that_evict_their_bucket_are_granted_within_the_limit()
    {
        // A caller just under its rate finds its bucket full at every call, which is what the sweep, running without
        // pause, evicts: a check that looked the bucket up as it was being evicted takes the new one, never a refusal.
        await using var buckets = Buckets((Cashouts, PermitsPerSecond: 10_000, Burst: 10_000));
        using var stop = new CancellationTokenSource();
        var sweeper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                buckets.Sweep();
            }
        });

        var refused = 0;
        var clock = Stopwatch.StartNew();
        for (var call = 0; clock.Elapsed < TimeSpan.FromSeconds(1); call++)
        {
            refused += buckets.TryAcquire(Cashouts, "user:a", out _) ? 0 : 1;
            SpinWait.SpinUntil(() => clock.Elapsed.TotalMilliseconds > (call + 1) * 0.15);
        }

        await stop.CancelAsync();
        await sweeper;
        refused.Should().Be(0);
    }

    private static CallerBuckets Buckets(params (string Family, int PermitsPerSecond, int Burst)[] families) =>
        new(families.ToDictionary(f => f.Family, f => new FamilyLimit { PermitsPerSecond = f.PermitsPerSecond, Burst = f.Burst }));

    /// <summary>The whole permits a bucket can have earned at <paramref name="perSecond"/> since <paramref name="clock"/> started.</summary>
    private static int Earned(int perSecond, Stopwatch clock) => (int)(perSecond * clock.Elapsed.TotalSeconds);

    private static int TakeAll(CallerBuckets buckets, string family, string caller, out TimeSpan retryAfter)
    {
        var granted = 0;
        while (buckets.TryAcquire(family, caller, out retryAfter))
        {
            granted++;
        }

        return granted;
    }
}
