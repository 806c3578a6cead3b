using Microsoft.Data.Sqlite;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// Keeps WAL checkpoints off the writer's commit path. SQLite's automatic checkpoint runs inside the
/// commit that crosses 1,000 WAL pages and costs 8–16 ms here, stalling every request in that group.
/// Instead a thread of its own copies the WAL back with PASSIVE checkpoints (which never block the
/// writer); only if the WAL still outgrows its bound does the writer restart it between two groups.
/// The thread runs at the lowest CPU priority: under load the core idles while the writer waits for each fsync
/// (every request is then in the committing group or queued behind it), and that is when the copying runs,
/// instead of taking the CPU from the writer and the requests (about 5% more cashouts/s: docs/BENCHMARKS.md).
/// Starved for long, it lets the WAL grow to its bound, and the writer's RESTART then catches up.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    // Fewer, larger checkpoints copy a page dirtied by many commits once (the balance pages above all).
    // At 64 cashouts in flight: every 8 commits 90 µs per cashout, every 32 85 µs, every 64 81 µs with
    // longer checkpoint bursts (max latency 34 ms at 32, 47 ms at 64).
    private const int CommitsPerCheckpoint = 32;
    private const int MaxWalPages = 20_000;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly Thread _thread;
    private readonly SqliteConnections _connections;
    private volatile bool _stopping;
    private volatile bool _walTooLarge;
    private int _commits;

    public WalCheckpointer(SqliteConnections connections, SqliteConnection writer)
    {
        _connections = connections;
        _writer = writer;
        Execute(writer, "PRAGMA wal_autocheckpoint = 0");
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-checkpointer" };
        _thread.Start();
    }

    /// <summary>On the writer, between groups: restart the WAL if background checkpoints fell behind.</summary>
    public void BeforeGroup()
    {
        if (_walTooLarge)
        {
            _walTooLarge = false;
            Execute(_writer, "PRAGMA wal_checkpoint(RESTART)");
        }
    }

    public void AfterCommit()
    {
        if (++_commits % CommitsPerCheckpoint == 0 && _due.CurrentCount == 0)
        {
            _due.Release();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _due.Release();
        _thread.Join();
        _due.Dispose();
    }

    private void Run()
    {
        IdleThreadPriority.Apply();
        SqliteConnection? connection = null;
        try
        {
            // Opened at the first signal, not at start: at its priority this thread may first run when the writer is
            // already being disposed, and then it has nothing to do.
            while (!_stopping)
            {
                _due.Wait(TimeSpan.FromSeconds(1));
                if (!_stopping)
                {
                    connection = Checkpoint(connection);
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <returns>The connection to use next time: null if it could not be opened, to try again then.</returns>
    private SqliteConnection? Checkpoint(SqliteConnection? connection)
    {
        try
        {
            connection ??= _connections.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var result = checkpoint.ExecuteReader();
            _walTooLarge = result.Read() && result.GetInt64(1) > MaxWalPages; // columns: busy, log pages, checkpointed
        }
        catch (SqliteException)
        {
            // A checkpoint that cannot run now, or a connection that would not open, is tried again at the next
            // signal; nothing depends on it, and a background thread that throws would end the process.
        }

        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
