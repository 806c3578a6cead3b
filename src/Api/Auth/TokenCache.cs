using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Payouts.Api.Auth;

/// <summary>
/// What recently validated tokens proved, so a client reusing its token costs a dictionary lookup instead
/// of parsing it and checking its signature again. Only successes go in (a failure must be re-examined every time), each until
/// min(exp, now + 5 min), and at most <c>capacity</c> of them: when full, expired entries are swept
/// (at most every few seconds) and new tokens are simply validated without being remembered.
/// </summary>
internal sealed class TokenCache<T>(int capacity, TimeProvider time)
    where T : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(string token, [NotNullWhen(true)] out T? value)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            // Until is never later than the token's exp, so this is also the expiry re-check.
            if (time.GetUtcNow() < entry.Until)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
        }

        value = null;
        return false;
    }

    public void Add(string token, T value, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        var until = expires < now + MaxAge ? expires : now + MaxAge;
        if (until <= now || capacity <= 0)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            SweepExpired(now);
            if (_entries.Count >= capacity)
            {
                return;
            }
        }

        _entries[token] = new Entry(value, until);
    }

    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (token, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            }
        }
    }

    private sealed record Entry(T Value, DateTimeOffset Until);
}
