using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Payouts.Infrastructure.Persistence;

/// <summary>Opens connections to the one database file, each with the pragmas durability needs.</summary>
internal sealed class SqliteConnections
{
    private readonly DatabaseOptions _options;

    public SqliteConnections(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        _options = options.Value;
        FilePath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, _options.Path));

        // Built once: every idempotency lookup opens a connection with it. Only start-up creates the file: a connection
        // opened later, after the file was deleted or its volume unmounted, fails ("unable to open database file", which
        // the writer logs and the health check reports) instead of creating an empty database in its place, which would
        // hide why nothing can be written and stand in the way of the file being put back.
        ConnectionString = Builder(SqliteOpenMode.ReadWrite).ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open() => Open(ConnectionString);

    private SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA synchronous = {Synchronous()}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds}; PRAGMA cache_size = -{_options.CacheMebibytes * 1024};");
        return connection;
    }

    /// <summary>
    /// Creates the file if there is none (a new install), in write-ahead-log mode: WAL lets readers go on while the
    /// writer commits; it is a property of the file, set once.
    /// </summary>
    public void CreateInWalMode()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using var connection = Open(Builder(SqliteOpenMode.ReadWriteCreate).ToString());
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    private SqliteConnectionStringBuilder Builder(SqliteOpenMode mode) => new()
    {
        DataSource = FilePath,
        Mode = mode,
        Pooling = true,
        DefaultTimeout = Math.Max(1, _options.BusyTimeoutMilliseconds / 1000),
    };

    // Start-up has checked it; checked again because it is pasted into SQL.
    private string Synchronous() => DatabaseOptions.SynchronousModes.Contains(_options.Synchronous.ToUpperInvariant())
        ? _options.Synchronous.ToUpperInvariant()
        : throw new InvalidOperationException($"Database:Synchronous must be OFF, NORMAL, FULL or EXTRA, not '{_options.Synchronous}'.");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
