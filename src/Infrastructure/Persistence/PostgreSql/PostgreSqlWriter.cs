using System.Data;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Payouts.Application.Payouts.Events;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL's writers: Database:PostgreSqlWriters threads, each with a connection of its own, take the queued units
/// of work; each transaction runs up to Database:PostgreSqlUnitsPerCommit of them (units that name their owner, in
/// owner order: FormGroup), isolated from each other as on SQLite (WriteSession.RunGroup), and answers them only after
/// the commit. Transactions are READ COMMITTED, and every row a unit changes on the version it read is read with
/// FOR NO KEY UPDATE (PreparedStatements.PrepareLocking): a second writer, in this
/// replica or another, waits for the first to commit and then reads what it wrote, so two cannot spend the same
/// balance; the CHECK constraints and the version-conditional updates stay as the last line. ADR-010 says why.
/// </summary>
internal sealed partial class PostgreSqlWriter : IWriter, IAsyncDisposable
{
    private const string LockClause = " FOR NO KEY UPDATE";
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A connection idle this long is asked whether it still works before it runs the unit it took: one that broke
    /// meanwhile (the database restarted, a network between dropped it) then costs a reconnection, not a caller's error.
    /// Under load no group waits that long, so the question costs nothing there.
    /// </summary>
    private static readonly TimeSpan AskAfterIdle = TimeSpan.FromSeconds(1);

    /// <summary>How long a writer asks what became of a transaction whose COMMIT got no answer, before it says it does not know.</summary>
    private static readonly TimeSpan ResolveFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ResolveInterval = TimeSpan.FromMilliseconds(200);
    private readonly Channel<IWorkItem> _queue = Channel.CreateUnbounded<IWorkItem>();
    private readonly NpgsqlDataSource _database;
    private readonly PayoutEventDispatcher _events;
    private readonly IdempotencyClaims _claims;
    private readonly int _maxUnits;
    private readonly ILogger<PostgreSqlWriter> _logger;
    private readonly Thread[] _threads;

    public PostgreSqlWriter(
        NpgsqlDataSource database, PayoutEventDispatcher events, IdempotencyClaims claims, IOptions<DatabaseOptions> options, ILogger<PostgreSqlWriter> logger)
    {
        _database = database;
        _events = events;
        _claims = claims;
        _maxUnits = Math.Max(1, options.Value.PostgreSqlUnitsPerCommit);
        _logger = logger;

        // Threads of their own, as SQLite's writer: a unit's statements are synchronous round trips, and a pool
        // thread blocked on them is one the requests cannot run on.
        _threads = Enumerable.Range(0, Math.Max(1, options.Value.PostgreSqlWriters))
            .Select(n => new Thread(Run) { IsBackground = true, Name = $"postgres-writer-{n}" })
            .ToArray();
        Array.ForEach(_threads, thread => thread.Start());
    }

    public void Enqueue(IWorkItem item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            item.Abandon();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.Run(() => Array.ForEach(_threads, thread => thread.Join()));
    }

    private void Run()
    {
        while (!_queue.Reader.Completion.IsCompleted)
        {
            try
            {
                // It returns once the queue is completed, or when its connection broke while idle: then a new one at once.
                WriteUntilDisposed();
            }
            catch (Exception ex)
            {
                // The connection broke or would not open (a group in progress was answered already): a new one, once
                // the database answers again. Meanwhile the other writers, or none, take the queue.
                ConnectionLost(_logger, ex);
                Thread.Sleep(ReconnectDelay);
            }
        }
    }

    private void WriteUntilDisposed()
    {
        using var connection = _database.OpenConnection();
        using var roundTrips = new WriterRoundTrips(connection);
        var sql = new PreparedStatements(statement => new NpgsqlStatement(roundTrips, statement), LockClause, roundTrips);
        var payoutIds = sql.Prepare("SELECT nextval('payout_ids')");
        var transactionId = sql.Prepare("SELECT pg_current_xact_id_if_assigned()::text");
        var alive = sql.Prepare("SELECT 1");
        using var session = new WriteSession(sql, _events, () => NextPayoutId(roundTrips, payoutIds));
        var batch = new List<IWorkItem>(_maxUnits);

        // A new connection answers before it takes a unit: the pool's may have broken while idle there. If it fails, that is
        // a connection loss like any other, retried after the delay (a pooler in front may accept connections to a database
        // that is down).
        alive.ExecuteNonQuery();
        var lastUsed = Stopwatch.GetTimestamp();
        IWorkItem? next = null; // taken from the queue while a group was formed, and not of it: this writer's next group
        try
        {
            while ((next ?? TakeNext()) is { } first)
            {
                next = null;
                if (!StillWorks(alive, lastUsed))
                {
                    Enqueue(first); // Back to the queue, for a writer whose connection works.
                    return;
                }

                next = FormGroup(first, batch);
                CommitGroup(connection, roundTrips, session, transactionId, batch);
                roundTrips.Clear(); // A group that failed may have left a unit's RELEASE queued.
                batch.Clear();
                lastUsed = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            if (next is not null)
            {
                Enqueue(next); // This writer's connection broke: another writer takes it.
            }
        }
    }

    /// <summary>
    /// The group <paramref name="first"/> starts: with the units queued behind it that name an owner, if it names one, up
    /// to Database:PostgreSqlUnitsPerCommit, in their owners' order (ordinal; units of one owner in the order they came).
    /// Every transaction that runs more than one unit thus takes its owners' rows in one global order, and no two can each
    /// hold a row the other waits for (ADR-010 decision 4). A unit that names no owner runs alone: the dispatcher's, for
    /// one, locks a payout and then its owner's balance. Returns the unit read that ends the group without joining it.
    /// </summary>
    private IWorkItem? FormGroup(IWorkItem first, List<IWorkItem> batch)
    {
        batch.Add(first);
        if (first.Owner is null)
        {
            return null;
        }

        while (batch.Count < _maxUnits && _queue.Reader.TryRead(out var item))
        {
            if (item.Owner is null)
            {
                return item;
            }

            var at = batch.Count;
            while (at > 0 && string.CompareOrdinal(batch[at - 1].Owner, item.Owner) > 0)
            {
                at--;
            }

            batch.Insert(at, item);
        }

        return null;
    }

    /// <summary>
    /// Asks a connection idle for <see cref="AskAfterIdle"/> whether it still works, before it runs the unit it took. One that
    /// broke while idle gives false, at once, and the pool's idle connections go with it: they most likely broke too. Any
    /// failure counts, so that the unit in hand goes back to the queue instead of being lost with the connection.
    /// </summary>
    private bool StillWorks(Statement alive, long lastUsed)
    {
        if (Stopwatch.GetElapsedTime(lastUsed) < AskAfterIdle)
        {
            return true;
        }

        try
        {
            alive.ExecuteNonQuery();
            return true;
        }
        catch (Exception ex)
        {
            IdleConnectionBroken(_logger, ex);
            _database.Clear();
            return false;
        }
    }

    /// <summary>
    /// A payout id from the sequence (migration PayoutIdSequence), on this writer's connection: no two replicas draw
    /// the same one, and drawing it waits for no other connection. The group's start drew one per unit with its first
    /// statement (ADR-010 decision 6); a unit that needs one before any statement went, or more than one, draws it now.
    /// </summary>
    private static long NextPayoutId(WriterRoundTrips roundTrips, Statement sequence)
    {
        if (roundTrips.TryTakePayoutId(out var id))
        {
            return id;
        }

        using var rows = sequence.ExecuteReader();
        rows.Read();
        var drawn = rows.GetInt64(0);

        // That round trip may have carried the group's start, whose ids were drawn before it: they keep the units in order.
        return roundTrips.TryTakePayoutId(out id) ? id : drawn;
    }

    /// <summary>
    /// Blocks this thread until a unit is queued and takes it; null once the queue is completed and drained. ReadAsync, not
    /// WaitToReadAsync: a unit queued while the writers wait wakes one of them, where WaitToReadAsync woke every idle writer
    /// for each unit, and all but one went back to sleep.
    /// </summary>
    private IWorkItem? TakeNext()
    {
        var read = _queue.Reader.ReadAsync();
        try
        {
            return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    private void CommitGroup(NpgsqlConnection connection, WriterRoundTrips roundTrips, WriteSession session, Statement transactionId, List<IWorkItem> batch)
    {
        string? committing = null;
        try
        {
            // Twice when a unit failed in a group run without savepoints: rolled back, and run again unit by unit.
            while (true)
            {
                using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
                roundTrips.QueueGroupStart(batch.Count);
                if (!session.RunGroup(batch, FailsGroup))
                {
                    roundTrips.Clear();
                    transaction.Rollback();
                    continue;
                }

                roundTrips.ExpectNothingHeld();

                // Its id, known before the COMMIT is sent: if the connection breaks while it runs, the server still
                // knows whether that transaction committed. It came with the group's first statement; if that one
                // failed before its answer, it is asked for now (none was assigned if the group wrote nothing).
                committing = roundTrips.TransactionId ?? transactionId.ExecuteScalarText() ?? "";
                transaction.Commit();
                break;
            }

            Complete(batch);
        }
        catch (Exception ex)
        {
            Answer(batch, committing, ex);
            if (connection.State != ConnectionState.Open)
            {
                throw;
            }
        }
    }

    /// <summary>Answers a group that committed. A key whose outcome a unit recorded is no longer claimed: told before its caller is.</summary>
    private void Complete(List<IWorkItem> batch)
    {
        foreach (var item in batch)
        {
            if (item.Recorded is { } record)
            {
                _claims.OutcomeCommitted(record.CallerId, record.Key);
            }

            item.Complete();
        }
    }

    /// <summary>
    /// Answers a group whose transaction failed. Failed before its COMMIT, it was rolled back whole, as on SQLite, and
    /// each caller is told nothing was written. Failed in its COMMIT (the connection broke, the server was shut down),
    /// it may have committed all the same: ADR-004's unknown outcome, for our own database. The server is asked which,
    /// and each caller gets the real outcome, or is told it is unknown, never that nothing was written when it was.
    /// </summary>
    private void Answer(List<IWorkItem> batch, string? committing, Exception failure)
    {
        var committed = committing switch
        {
            null => false,
            "" => true, // It wrote nothing: its units' outcomes stand whether or not it committed.
            var id => Committed(id),
        };
        if (committed == true)
        {
            CommitAnswerLost(_logger, batch.Count, failure);
            Complete(batch);
        }
        else if (committed == false)
        {
            CommitFailed(_logger, batch.Count, failure);
            batch.ForEach(item => item.Abandon());
        }
        else
        {
            CommitOutcomeUnknown(_logger, batch.Count, failure);
            batch.ForEach(item => item.Unresolved());
        }
    }

    /// <summary>
    /// Whether the transaction committed, asked on another connection (pg_xact_status) until the server says committed
    /// or aborted (a backend that lost its client ends its transaction first) or <see cref="ResolveFor"/> has passed:
    /// null when the database could not say meanwhile.
    /// </summary>
    private bool? Committed(string transactionId)
    {
        var deadline = DateTime.UtcNow + ResolveFor;
        while (true)
        {
            try
            {
                using var status = _database.CreateCommand("SELECT pg_xact_status($1::xid8)");
                status.Parameters.Add(new NpgsqlParameter { Value = transactionId });
                switch (status.ExecuteScalar() as string)
                {
                    case "committed":
                        return true;
                    case "aborted":
                        return false;
                }
            }
            catch (NpgsqlException)
            {
                // Not reachable yet: ask again until the deadline.
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            Thread.Sleep(ResolveInterval);
        }
    }

    /// <summary>
    /// The database failing rather than one unit: the connection (no server error at all), or the server's
    /// connection (08), resource (53), operator (57) and system (58) errors. Any other server error, a unique
    /// violation or a deadlock victim among them, undoes its unit alone, which the caller gets as a storage failure
    /// to retry.
    /// </summary>
    private static bool FailsGroup(Exception exception) => exception switch
    {
        PostgresException server => server.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "A PostgreSQL writer lost its connection or could not open one; it tries again")]
    private static partial void ConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "A PostgreSQL writer's idle connection no longer works; it opens a new one before it takes work")]
    private static partial void IdleConnectionBroken(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "A group of {Units} units of work could not be committed on PostgreSQL; all were rolled back")]
    private static partial void CommitFailed(ILogger logger, int units, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "The COMMIT of a group of {Units} units of work got no answer, and the server says it committed; the units were answered so")]
    private static partial void CommitAnswerLost(ILogger logger, int units, Exception exception);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "The COMMIT of a group of {Units} units of work got no answer, and the server could not say whether it committed; the callers were told the outcome is unknown")]
    private static partial void CommitOutcomeUnknown(ILogger logger, int units, Exception exception);
}
