using Npgsql;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Sends a PostgreSQL writer's statements, each in one round trip together with the statements queued to run before it.
/// Queued are a unit's SAVEPOINT and RELEASE, the group's start (the transaction's id and the group's payout ids, with
/// its first statement), the writes a unit reads nothing of (<see cref="Statement.ExecuteChangingOneRow"/>): a
/// cashout's payout, outbox message, balance update and ledger entry, and reads a unit needs only later
/// (<see cref="Statement.ReadBeforeNext"/>): a cashout's balance, read with its cashout method. Each round trip costs the
/// writer and its backend a wake-up on both sides, and a network's latency where the database is across one: a cashout
/// alone in its transaction went from eight round trips to four, then three; in a group of eight, from 2.25 a cashout to 1.25.
/// </summary>
internal sealed class WriterRoundTrips(NpgsqlConnection connection) : IDeferredWrites, IDisposable
{
    private readonly NpgsqlBatch _batch = new(connection);
    private readonly List<DeferredWrite> _deferred = [];
    private readonly List<ReadAhead> _readsAhead = [];
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

    /// <summary>Runs a read before the next statement; its rows go to its reader first thing when that round trip ran.</summary>
    public void ReadAhead(ReadAhead read)
    {
        _batch.BatchCommands.Add(read.Command);
        _readsAhead.Add(read);
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

    /// <summary>Drops the deferred writes and reads ahead of a unit that is rolled back: its reads go with it.</summary>
    public void Discard()
    {
        foreach (var write in _deferred)
        {
            _batch.BatchCommands.Remove(write.Command);
            write.Owner.Reuse(write.Command);
        }

        foreach (var read in _readsAhead)
        {
            _batch.BatchCommands.Remove(read.Command);
            read.Owner.Reuse(read.Command);
        }

        _deferred.Clear();
        _readsAhead.Clear();
    }

    /// <summary>Forgets what is queued: the transaction it was meant for has ended, or the round trip ran.</summary>
    public void Clear()
    {
        _batch.BatchCommands.Clear();
        _groupStartQuery = null;
        _deferred.ForEach(write => write.Owner.Reuse(write.Command));
        _deferred.Clear();
        _readsAhead.ForEach(read => read.Owner.Reuse(read.Command));
        _readsAhead.Clear();
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
            ReadQueuedRows(reader);

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
        if (_groupStartQuery is null && _readsAhead.Count == 0)
        {
            _batch.ExecuteNonQuery();
        }
        else
        {
            // Disposing the reader reads the rest of the batch's results, the statements' counts among them.
            using (var reader = _batch.ExecuteReader())
            {
                ReadQueuedRows(reader);
            }
        }

        CheckDeferred();
    }

    private void CheckDeferred() =>
        _deferred.ForEach(write => Statement.ExpectOneRow(write.Command.RecordsAffected, write.What, write.Row));

    /// <summary>
    /// Reads the rows of the queued statements that have any, each then moving the reader on: the group's start, queued
    /// first in a transaction, then the reads ahead in the order queued. The reader skips statements without rows, so a
    /// queued write must return none: one with RETURNING would be taken for the next read's rows.
    /// </summary>
    private void ReadQueuedRows(NpgsqlDataReader reader)
    {
        if (_groupStartQuery is not null)
        {
            ReadGroupStart(reader);
            reader.NextResult();
        }

        foreach (var read in _readsAhead)
        {
            read.Read(reader);
            reader.NextResult();
        }
    }

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

/// <summary>A read sent with a later statement: its command, the statement that binds it again once it ran, and what reads its rows.</summary>
internal readonly record struct ReadAhead(NpgsqlBatchCommand Command, NpgsqlStatement Owner, Action<NpgsqlDataReader> Read);
