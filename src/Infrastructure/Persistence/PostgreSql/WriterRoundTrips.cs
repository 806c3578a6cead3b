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
/// Writes <see cref="Hold"/> keeps back go with the group's <see cref="Send"/> instead, one statement for all rows of a
/// statement where it has a multi-row form (<see cref="NpgsqlStatement.Together"/>): in a group of eight cashouts, four
/// statements instead of thirty-two.
/// </summary>
internal sealed class WriterRoundTrips(NpgsqlConnection connection) : IDeferredWrites, IDisposable
{
    private readonly NpgsqlBatch _batch = new(connection);
    private readonly List<DeferredWrite> _deferred = [];
    private readonly List<ReadAhead> _readsAhead = [];
    private readonly List<DeferredWrite> _held = [];
    private readonly List<TogetherWrite> _together = [];
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

    /// <summary>
    /// Takes the writes deferred so far out of the next round trips: they go with <see cref="Send"/>, each statement's
    /// rows together. Only for writes that nothing before that Send reads: a later unit of the group reads only its own
    /// owner's rows, so the writes of another owner's unit can wait (WriteSession.RunGroup).
    /// </summary>
    public void Hold()
    {
        foreach (var write in _deferred)
        {
            _batch.BatchCommands.Remove(write.Command);
            _held.Add(write);
        }

        _deferred.Clear();
    }

    public void Send()
    {
        if (_held.Count > 0)
        {
            Hold();
            QueueHeld();
        }

        if (_deferred.Count > 0 || _together.Count > 0)
        {
            try
            {
                RunQueued();
            }
            finally
            {
                AfterRoundTrip();
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

    /// <summary>Forgets what is queued and held: the transaction it was meant for has ended.</summary>
    public void Clear()
    {
        AfterRoundTrip();
        _held.ForEach(write => write.Owner.Reuse(write.Command));
        _held.Clear();
    }

    /// <summary>
    /// Throws if writes are still held: a transaction must not commit without them. The group's Send takes them, so
    /// this guards only against a path that forgot to.
    /// </summary>
    public void ExpectNothingHeld()
    {
        if (_held.Count > 0)
        {
            throw new InvalidOperationException($"{_held.Count} held writes were never sent; the transaction must not commit without them.");
        }
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
            AfterRoundTrip();
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
            AfterRoundTrip();
            throw;
        }
    }

    public void EndRows(NpgsqlDataReader reader)
    {
        reader.Dispose();
        AfterRoundTrip();
    }

    public void Dispose() => _batch.Dispose();

    /// <summary>Forgets what was queued for a round trip that ran, or failed; held writes wait on.</summary>
    private void AfterRoundTrip()
    {
        _batch.BatchCommands.Clear();
        _groupStartQuery = null;
        _deferred.ForEach(write => write.Owner.Reuse(write.Command));
        _deferred.Clear();
        _readsAhead.ForEach(read => read.Owner.Reuse(read.Command));
        _readsAhead.Clear();
        _together.Clear();
    }

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

    private void CheckDeferred()
    {
        _deferred.ForEach(write => Statement.ExpectOneRow(write.Command.RecordsAffected, write.What, write.Row));
        _together.ForEach(write => Statement.ExpectRows(write.Command.RecordsAffected, write.Rows, write.What));
    }

    /// <summary>
    /// Queues the held writes, in the order their statements were first used: each statement's as one command where it
    /// has a multi-row form, each alone where not. A unit's writes to tables that refer to each other keep their order,
    /// as every unit of a group writes its kinds in the same order.
    /// </summary>
    private void QueueHeld()
    {
        foreach (var statement in _held.Select(write => write.Owner).Distinct().ToList())
        {
            var writes = _held.FindAll(write => write.Owner == statement);
            var together = writes.Count > 1 ? statement.Together(writes.ConvertAll(write => write.Command)) : null;
            if (together is null)
            {
                writes.ForEach(Defer);
                continue;
            }

            _batch.BatchCommands.Add(together);
            _together.Add(new TogetherWrite(together, writes[0].What, writes.Count));
            writes.ForEach(write => statement.Reuse(write.Command));
        }

        _held.Clear();
    }

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

/// <summary>Held writes of one statement sent as one command, which must change <paramref name="Rows"/> rows.</summary>
internal readonly record struct TogetherWrite(NpgsqlBatchCommand Command, string What, int Rows);

/// <summary>A read sent with a later statement: its command, the statement that binds it again once it ran, and what reads its rows.</summary>
internal readonly record struct ReadAhead(NpgsqlBatchCommand Command, NpgsqlStatement Owner, Action<NpgsqlDataReader> Read);
