using System.Collections.Concurrent;

namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// Keys whose first request is still running in this process. A second request with the same key
/// meanwhile gets a retryable ABORTED instead of racing the first. (One process owns the SQLite
/// database, so in-memory is enough; see docs/decisions.)
/// </summary>
public sealed class InFlightKeys
{
    private readonly ConcurrentDictionary<(string CallerId, string Key), byte> _running = new();

    public bool TryBegin(string callerId, string key) => _running.TryAdd((callerId, key), 0);

    public void End(string callerId, string key) => _running.TryRemove((callerId, key), out _);
}
