namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// Keys whose first request is still running. The idempotency behaviour claims a key before it looks the key up and
/// ends the claim when the request is answered, so a second request meanwhile is told to retry instead of racing
/// the first. On SQLite one process owns the database and the claims live in its memory (<see cref="InFlightKeys"/>);
/// on PostgreSQL they live in the database, so they hold across replicas.
/// </summary>
public interface IIdempotencyClaims
{
    ValueTask<KeyClaim> TryBeginAsync(string callerId, string key, CancellationToken cancellationToken);

    ValueTask EndAsync(string callerId, string key);
}

/// <summary>What claiming a key found.</summary>
public enum KeyClaim
{
    /// <summary>The key's first request is still running: the caller retries later.</summary>
    InFlight,

    /// <summary>Claimed; an earlier request may have recorded an outcome, to be looked up and replayed.</summary>
    Claimed,

    /// <summary>Claimed, and the claim itself showed that no outcome is recorded: there is nothing to look up.</summary>
    ClaimedUnrecorded,
}
