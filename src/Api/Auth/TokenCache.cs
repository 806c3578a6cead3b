using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Payouts.Api.Auth;

/// <summary>
/// What recently validated tokens proved, so a client reusing its token costs a dictionary lookup instead
/// of parsing it and checking its signature again. Only successes go in (a failure must be re-examined every time), each until
/// min(exp, now + 5 min), and at most <c>capacity</c> of them: when full, expired entries are swept
/// (at most every few seconds) and new tokens are simply validated without being remembered. Entries are keyed by the
/// token's SHA-256, not the token: the cache keeps no bearer token alive to be read from a heap dump, and 10,000 remembered
/// tokens hold 32 bytes each instead of ~0.5 KB. Hashing costs about half a microsecond a call (docs/BENCHMARKS.md).
/// </summary>
internal sealed class TokenCache<T>(int capacity, TimeProvider time)
    where T : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TokenDigest, Entry> _entries = new();
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(string token, [NotNullWhen(true)] out T? value)
    {
        var digest = TokenDigest.Of(token);
        if (_entries.TryGetValue(digest, out var entry))
        {
            // Until is never later than the token's exp, so this is also the expiry re-check.
            if (time.GetUtcNow() < entry.Until)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TokenDigest, Entry>(digest, entry));
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

        _entries[TokenDigest.Of(token)] = new Entry(value, until);
    }

    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (digest, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(new KeyValuePair<TokenDigest, Entry>(digest, entry));
            }
        }
    }

    private sealed record Entry(T Value, DateTimeOffset Until);

    /// <summary>
    /// A token's SHA-256. A cryptographic hash, because two tokens with one key would let the second in on the first's
    /// validation; a well-formed token is ASCII, a few hundred bytes, hashed from the stack.
    /// </summary>
    private readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
    {
        private const int StackBytes = 1024;

        public static TokenDigest Of(string token)
        {
            var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
            byte[]? rented = maxBytes > StackBytes ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
            try
            {
                Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
                var words = MemoryMarshal.Cast<byte, ulong>(hash);
                return new TokenDigest(words[0], words[1], words[2], words[3]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
