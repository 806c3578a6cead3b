using System.Collections.Concurrent;

namespace Payouts.Application.Common.Idempotency;

/// <summary>Keys whose first request is still running in this process: the claims of one process that owns its database (SQLite).</summary>
public sealed class InFlightKeys : IIdempotencyClaims
{
    private readonly ConcurrentDictionary<(string CallerId, string Key), byte> _running = new();

    public bool TryBegin(string callerId, string key) => _running.TryAdd((callerId, key), 0);

    public void End(string callerId, string key) => _running.TryRemove((callerId, key), out _);

    // Memory knows nothing of what earlier requests recorded: a key claimed here is always looked up.
    ValueTask<KeyClaim> IIdempotencyClaims.TryBeginAsync(string callerId, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryBegin(callerId, key) ? KeyClaim.Claimed : KeyClaim.InFlight);

    ValueTask IIdempotencyClaims.EndAsync(string callerId, string key)
    {
        End(callerId, key);
        return ValueTask.CompletedTask;
    }
}
