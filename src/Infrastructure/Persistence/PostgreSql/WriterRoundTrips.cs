using Npgsql;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Sends a PostgreSQL writer's statements, each in one round trip together with the statements queued to run before it.
/// Queued are a unit's SAVEPOINT and RELEASE, the group's start (the transaction's id and the group's payout ids, with
/// its first statement) and the writes a unit reads nothing of (<see cref="Statement.ExecuteChangingOneRow"/>): a
/// cashout's payout, outbox message, balance update and ledger entry. Each round trip costs the writer and its backend
/// a wake-up on both sides, and a network's latency where the database is across one: a cashout alone in its
/// transaction went from eight round trips to four.
/// </summary>
internal sealed class WriterRoundTrips(NpgsqlConnection connection) : IDeferredWrites, IDisposable
{
    private readonly NpgsqlBatch _batch = new(connection);
    private readonly List<DeferredWrite> _deferred = [];
    private readonly Queue<long> _payoutIds = new();
    private NpgsqlBatchCommand? _groupStartQuery;

    /// <summary>
    /// The open transaction's id, once <see cref="QueueGroupStart"/>'s query has gone with a statement; null before.
    /// The writer needs it before its COMMIT, to ask the server what became of a COMMIT that got no answer.
    /// </summary>
    public string? TransactionId { get; private set; }

    /// <summary>Runs <paramref name="sql"/> (without parameters, its outcome read by nothing) before the next statement.</summary>
    public void Queue(string sql) => _batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));

    /// <summary>Runs a write before the next statement; its row count is checked when it ran.</summary>
    public void Defer(DeferredWrite write)
    {
        _batch.BatchCommands.Add(write.Command);
        _deferred.Add(write);
    }

    /// <summary>
    /// Asks, with the next statement and first in its round trip, for the transaction's id (assigning one) and for
    /// <paramref name="payoutIds"/> payout ids from the sequence, one per unit of the group: neither then costs a round
    /// trip of its own. Queue it first thing in a transaction.
    /// </summary>
    public void QueueGroupStart(int payoutIds)
    {
        TransactionId = null;
        _payoutIds.Clear();
        _groupStartQuery = new NpgsqlBatchCommand(
            $"SELECT pg_current_xact_id()::text, ARRAY(SELECT nextval('payout_ids') FROM generate_series(1, {payoutIds}))");
        _batch.BatchCommands.Add(_groupStartQuery);
    }

    /// <summary>
    /// A payout id drawn with the group's start (<see cref="QueueGroupStart"/>), in the order drawn; false once they are
    /// used up, or before that query went.
    /// </summary>
    public bool TryTakePayoutId(out long id) => _payoutIds.TryDequeue(out id);

    public void Send()
    {
        if (_deferred.Count > 0)
        {
            try
            {
                RunQueued();
            }
            finally
            {
                Clear();
            }
        }
    }

    public void Discard()
    {
        foreach (var write in _deferred)
        {
            _batch.BatchCommands.Remove(write.Command);
            write.Owner.Reuse(write.Command);
        }

        _deferred.Clear();
    }

    /// <summary>Forgets what is queued: the transaction it was meant for has ended, or the round trip ran.</summary>
    public void Clear()
    {
        _batch.BatchCommands.Clear();
        _groupStartQuery = null;
        _deferred.ForEach(write => write.Owner.Reuse(write.Command));
        _deferred.Clear();
    }

    /// <returns>The rows the statement changed, as <see cref="NpgsqlCommand.ExecuteNonQuery()"/> counts them.</returns>
    public int ExecuteNonQuery(NpgsqlBatchCommand statement)
    {
        _batch.BatchCommands.Add(statement);
        try
        {
            RunQueued();
            return statement.RecordsAffected;
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>The statement's rows; <see cref="EndRows"/> must follow.</summary>
    public NpgsqlDataReader ExecuteReader(NpgsqlBatchCommand statement)
    {
        _batch.BatchCommands.Add(statement);
        NpgsqlDataReader? reader = null;
        try
        {
            reader = _batch.ExecuteReader();
            if (_groupStartQuery is not null)
            {
                ReadGroupStart(reader);
                reader.NextResult();
            }

            // Past the queued statements' results, which have no columns, to the statement's own.
            while (reader.FieldCount == 0 && reader.NextResult())
            {
            }

            CheckDeferred();
            return reader;
        }
        catch
        {
            reader?.Dispose();
            Clear();
            throw;
        }
    }

    public void EndRows(NpgsqlDataReader reader)
    {
        reader.Dispose();
        Clear();
    }

    public void Dispose() => _batch.Dispose();

    private void RunQueued()
    {
        if (_groupStartQuery is null)
        {
            _batch.ExecuteNonQuery();
        }
        else
        {
            // Disposing the reader reads the rest of the batch's results, the statements' counts among them.
            using (var reader = _batch.ExecuteReader())
            {
                ReadGroupStart(reader);
            }
        }

        CheckDeferred();
    }

    private void CheckDeferred() =>
        _deferred.ForEach(write => Statement.ExpectOneRow(write.Command.RecordsAffected, write.What, write.Row));

    // The group's start was queued first, so its row is the batch's first result.
    private void ReadGroupStart(NpgsqlDataReader reader)
    {
        reader.Read();
        TransactionId = reader.GetString(0);
        foreach (var id in reader.GetFieldValue<long[]>(1))
        {
            _payoutIds.Enqueue(id);
        }

        _groupStartQuery = null;
    }
}

/// <summary>A write sent with a later statement: its command, the statement that binds it again once it ran, and what it writes.</summary>
internal readonly record struct DeferredWrite(NpgsqlBatchCommand Command, NpgsqlStatement Owner, string What, object? Row);
