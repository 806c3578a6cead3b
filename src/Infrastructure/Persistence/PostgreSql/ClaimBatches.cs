using System.Threading.Channels;
using Npgsql;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// The idempotency claims of concurrent requests, taken together: the claims queued while a batch is out go as the next
/// one, one statement and one commit for all of them. One at a time, each claim was a transaction of its own with a
/// backend woken for it; batched, PostgreSQL's CPU per keyed cashout fell from 664–874 to 378–522 µs (docs/BENCHMARKS.md).
/// Written here because no pooler groups statements (Npgsql's multiplexing shares connections, not transactions).
/// </summary>
internal sealed class ClaimBatches : IAsyncDisposable
{
    private const int MaxClaims = 256;

    // set_config(..., true) holds until the end of the statement's own transaction, so its commit alone is asynchronous.
    // A row comes back for each key claimed. DO NOTHING locks no row that is there already: a batch waits only for
    // another's new rows, and those come in one order (SendAsync), so no two wait for each other; a group that records an
    // outcome never waits for a batch, whose new rows are keys that no unit of work has claimed.
    private const string Claim = """
        WITH asynchronous_commit AS (SELECT set_config('synchronous_commit', 'off', true))
        INSERT INTO "IdempotencyRecords" ("CallerId", "Key", "RequestJson", "CreatedAtMs")
        SELECT claim.caller, claim.key, '', @now FROM asynchronous_commit, unnest(@callers, @keys) AS claim (caller, key)
        ON CONFLICT ("CallerId", "Key") DO NOTHING
        RETURNING "CallerId", "Key"
        """;

    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _clock;
    private readonly Task _sending;

    public ClaimBatches(NpgsqlDataSource database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        _sending = Task.Run(SendUntilDisposedAsync);
    }

    /// <summary>
    /// Not cancellable once queued: the claim may be taken all the same, and only a caller that knows it can end it.
    /// </summary>
    /// <returns>The claim's time, which only its taker knows (the token that ends it); null when the key's row was there.</returns>
    public Task<long?> ClaimAsync(string callerId, string key)
    {
        var request = new Request(callerId, key);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(request), this);
        return request.Claimed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending;
    }

    private async Task SendUntilDisposedAsync()
    {
        var batch = new List<Request>(MaxClaims);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxClaims && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            await SendAsync(batch);
            batch.Clear();
        }
    }

    private async Task SendAsync(List<Request> batch)
    {
        try
        {
            // One order in every replica's batches: two that claim the same keys cannot each wait for a key the other holds.
            batch.Sort(static (a, b) => string.CompareOrdinal(a.CallerId, b.CallerId) is var byCaller and not 0 ? byCaller : string.CompareOrdinal(a.Key, b.Key));
            var now = RowMapping.ToMs(_clock.GetUtcNow());
            await using var command = _database.CreateCommand(Claim);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("callers", batch.Select(request => request.CallerId).ToArray());
            command.Parameters.AddWithValue("keys", batch.Select(request => request.Key).ToArray());
            var claimed = new HashSet<(string CallerId, string Key)>();
            await using (var rows = await command.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    claimed.Add((rows.GetString(0), rows.GetString(1)));
                }
            }

            batch.ForEach(request => request.Claimed.TrySetResult(claimed.Contains((request.CallerId, request.Key)) ? now : null));
        }
        catch (Exception ex)
        {
            batch.ForEach(request => request.Claimed.TrySetException(ex));
        }
    }

    private sealed class Request(string callerId, string key)
    {
        public string CallerId => callerId;

        public string Key => key;

        public TaskCompletionSource<long?> Claimed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
