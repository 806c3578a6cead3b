using Microsoft.Data.Sqlite;

namespace Payouts.Sandboxes.State;

/// <summary>
/// Where the sandboxes keep what they hold: one SQLite file (<c>Sandboxes:StatePath</c>), or memory when no path is
/// given. Every provider's rows are JSON in one table under (provider, kind, key), written one transaction per sandbox
/// operation (<see cref="SandboxState.Change{T}"/>).
/// </summary>
/// <remarks>
/// WAL with synchronous=NORMAL: a commit has reached the operating system when it returns, which survives a kill -9 of
/// the sandbox (not a power cut, which a simulator need not survive) and costs no fsync per operation. The file is
/// held in exclusive locking mode, so a second sandbox process on the same file is refused at start instead of
/// answering from a copy of the state that the first one keeps changing.
/// </remarks>
public sealed class SandboxStore : IDisposable
{
    private const int SqliteBusy = 5;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;

    private SandboxStore(SqliteConnection connection, string? path)
    {
        _connection = connection;
        Path = path;
        _upsert = Command("INSERT INTO rows (provider, kind, key, json) VALUES ($provider, $kind, $key, $json) ON CONFLICT (provider, kind, key) DO UPDATE SET json = excluded.json");
        _delete = Command("DELETE FROM rows WHERE provider = $provider AND kind = $kind AND key = $key");
        _upsert.Parameters.Add("$json", SqliteType.Text);
    }

    /// <summary>The state file's full path, or null when the state is in memory only.</summary>
    public string? Path { get; }

    /// <param name="path">A file path (its folder is created), or null or empty for memory only.</param>
    /// <exception cref="InvalidOperationException">Another process (or another store in this one) holds the file.</exception>
    public static SandboxStore Open(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            var memory = new SqliteConnection("Data Source=:memory:");
            memory.Open();
            Execute(memory, Schema);
            return new SandboxStore(memory, null);
        }

        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        // No pooling: disposing the store must let go of the file, or a restart in the same process could not take it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 1 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");

            // A write takes the exclusive lock now, and exclusive locking mode keeps it until the store is disposed.
            Execute(connection, $"BEGIN IMMEDIATE; {Schema}; COMMIT;");
            return new SandboxStore(connection, path);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteBusy)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"Sandboxes:StatePath {path} is in use by another sandbox process; stop that one, or give this one another file.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every row a provider's sandbox wrote.</summary>
    public IReadOnlyList<StoredRow> Load(string provider)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT kind, key, json FROM rows WHERE provider = $provider";
            select.Parameters.AddWithValue("$provider", provider);
            using var reader = select.ExecuteReader();
            var rows = new List<StoredRow>();
            while (reader.Read())
            {
                rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        }
    }

    /// <summary>Writes <paramref name="changes"/> in one transaction, in order.</summary>
    internal void Write(IReadOnlyList<RowChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _upsert.Transaction = transaction;
            _delete.Transaction = transaction;
            foreach (var change in changes)
            {
                var command = change.Json is null ? _delete : _upsert;
                command.Parameters["$provider"].Value = change.Provider;
                command.Parameters["$kind"].Value = change.Kind;
                command.Parameters["$key"].Value = change.Key;
                if (change.Json is not null)
                {
                    command.Parameters["$json"].Value = change.Json;
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _upsert.Dispose();
            _delete.Dispose();
            _connection.Dispose();
        }
    }

    private const string Schema =
        "CREATE TABLE IF NOT EXISTS rows (provider TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (provider, kind, key)) WITHOUT ROWID";

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$provider", SqliteType.Text);
        command.Parameters.Add("$kind", SqliteType.Text);
        command.Parameters.Add("$key", SqliteType.Text);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One stored row of a provider: what <see cref="DurableTable{T}"/> it belongs to, its key and its JSON.</summary>
public sealed record StoredRow(string Kind, string Key, string Json);

/// <summary>A row to write; no <paramref name="Json"/> deletes it.</summary>
internal readonly record struct RowChange(string Provider, string Kind, string Key, string? Json);
