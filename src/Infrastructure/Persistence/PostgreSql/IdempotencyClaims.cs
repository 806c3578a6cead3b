using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using Payouts.Application.Common.Idempotency;
using Payouts.Infrastructure.Persistence.Retention;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Claims in the database, so that one key sent to two replicas at once runs once. A claim is an IdempotencyRecords
/// row with no outcome yet, inserted before the work in a short transaction with the claims of other requests meanwhile
/// (<see cref="ClaimBatches"/>); the unit of work completes
/// it with the outcome (IdempotencyWrites), and a unit that finds the outcome already there is undone. A claim
/// whose replica died is taken over once it is older than Idempotency:ClaimTimeoutSeconds; if its first request was
/// only slow, whichever of the two records its outcome first wins and the other is undone, so a key still gives
/// one outcome. The claim's time is its token: only the request that took it deletes it when it ends unrecorded.
/// A claim commits without waiting for the WAL's flush (synchronous_commit off for its own transaction): durable, it
/// cost every keyed request a commit of its own, as dear as a pgbench transaction, where the cashout shares one with its
/// group (docs/BENCHMARKS.md). A claim lost in a crash of the database guards nothing anyone relies on: an outcome
/// recorded after it is durable, and flushes the claim with it, earlier in the WAL; and the outcome is written only
/// where the row has none yet (IdempotencyWrites), so a key still gets one.
/// </summary>
internal sealed class IdempotencyClaims(NpgsqlDataSource database, ClaimBatches batches, TimeProvider clock, IOptions<IdempotencyOptions> options)
    : IIdempotencyClaims
{
    // The key's row was there: a claim abandoned long enough is taken over; else whether it holds an outcome. The SELECT
    // reads the row as it was before the UPDATE. A takeover is rare (a replica died mid-request), so it commits durably.
    private const string TakeOverOrAsk = """
        WITH taken AS (
            UPDATE "IdempotencyRecords" SET "CreatedAtMs" = @now
            WHERE "CallerId" = @caller AND "Key" = @key AND "ResponseJson" IS NULL AND "ErrorJson" IS NULL AND "CreatedAtMs" < @abandoned
            RETURNING 1)
        SELECT EXISTS (SELECT FROM taken), "ResponseJson" IS NULL AND "ErrorJson" IS NULL
        FROM "IdempotencyRecords" WHERE "CallerId" = @caller AND "Key" = @key
        """;

    private const string Release = """
        DELETE FROM "IdempotencyRecords"
        WHERE "CallerId" = @caller AND "Key" = @key AND "ResponseJson" IS NULL AND "ErrorJson" IS NULL AND "CreatedAtMs" = @claimed
        """;

    // The same key twice in this replica is answered without a round trip; and what each claim here was taken at.
    private readonly InFlightKeys _local = new();
    private readonly ConcurrentDictionary<(string CallerId, string Key), long> _claimedAt = new();

    public async ValueTask<KeyClaim> TryBeginAsync(string callerId, string key, CancellationToken cancellationToken)
    {
        if (!_local.TryBegin(callerId, key))
        {
            return KeyClaim.InFlight;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await batches.ClaimAsync(callerId, key) is { } claimed)
            {
                _claimedAt[(callerId, key)] = claimed;
                return KeyClaim.ClaimedUnrecorded;
            }

            // Not claimed: a request elsewhere holds the key, held it and died, or its outcome is recorded and will be replayed.
            var now = RowMapping.ToMs(clock.GetUtcNow());
            var abandoned = now - (options.Value.ClaimTimeoutSeconds * 1000L);
            await using var command = Command(TakeOverOrAsk, callerId, key, ("now", now), ("abandoned", abandoned));
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (await row.ReadAsync(cancellationToken))
            {
                if (row.GetBoolean(0))
                {
                    _claimedAt[(callerId, key)] = now;
                    return KeyClaim.ClaimedUnrecorded; // A claim has no outcome: nor has this one, taken over.
                }

                if (!row.GetBoolean(1))
                {
                    return KeyClaim.Claimed;
                }
            }
        }
        catch
        {
            _local.End(callerId, key);
            throw;
        }

        _local.End(callerId, key);
        return KeyClaim.InFlight;
    }

    /// <summary>
    /// A unit of work committed the key's outcome (PostgreSqlWriter, before its caller is answered): the claim is a record
    /// now, and <see cref="EndAsync"/> has nothing to delete, so it spares the round trip.
    /// </summary>
    public void OutcomeCommitted(string callerId, string key) => _claimedAt.TryRemove((callerId, key), out _);

    public async ValueTask EndAsync(string callerId, string key)
    {
        try
        {
            // A claim the unit of work completed is no longer a claim, and stays (OutcomeCommitted); one left without an
            // outcome (the request was refused before its unit, or failed transiently) is deleted, so that a retry runs again.
            if (_claimedAt.TryRemove((callerId, key), out var claimed))
            {
                await using var release = Command(Release, callerId, key, ("claimed", claimed));
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The database is unreachable: the claim stays until Idempotency:ClaimTimeoutSeconds, when a retry takes it
            // over, and the request keeps its own answer (an unknown outcome must not become this failure instead).
        }
        finally
        {
            _local.End(callerId, key);
        }
    }

    private NpgsqlCommand Command(string sql, string callerId, string key, params (string Name, long Value)[] times)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("caller", callerId);
        command.Parameters.AddWithValue("key", key);
        foreach (var (name, value) in times)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
