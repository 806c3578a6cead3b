using Microsoft.Extensions.Options;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// The IPCN nonces seen lately, in memory and bounded. A nonce only needs remembering while its timestamp is
/// inside the allowed skew; older replays fail the timestamp check. Per service instance: with several
/// instances a replay sent to a different one gets through, which is harmless because a notification is only
/// a hint to look the payout up.
/// </summary>
internal sealed class IpcnReplayCache(IOptions<PayoneerOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, DateTimeOffset SeenAt)> _order = new();

    /// <summary>True the first time <paramref name="nonce"/> is offered, false for a replay.</summary>
    public bool TryRemember(string nonce)
    {
        var now = clock.GetUtcNow();
        var forgetBefore = now - (2 * options.Value.MaxClockSkew);
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && (oldest.SeenAt < forgetBefore || _order.Count >= Math.Max(1, options.Value.ReplayCacheCapacity)))
            {
                _order.Dequeue();
                _seen.Remove(oldest.Nonce);
            }

            if (!_seen.TryAdd(nonce, now))
            {
                return false;
            }

            _order.Enqueue((nonce, now));
            return true;
        }
    }
}
