namespace Payouts.Infrastructure.Persistence;

/// <summary>The "Database" configuration section, and the PostgreSQL connection string (ConnectionStrings:Payouts).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Payouts";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    public static readonly IReadOnlyList<string> SynchronousModes = ["OFF", "NORMAL", "FULL", "EXTRA"];

    /// <summary>
    /// Sqlite (the default: one process owns a file, nothing to set up) or PostgreSQL (ConnectionStrings:Payouts).
    /// The settings below are SQLite's, except those named PostgreSql.
    /// </summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>ConnectionStrings:Payouts, PostgreSQL's; it may hold a password, so it is never logged.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => Names(PostgreSql, Provider);

    public bool IsSqlite => Names(Sqlite, Provider);

    /// <summary>Whether the configuration asks for PostgreSQL, read before the options are built (the services registered depend on it).</summary>
    public static bool PostgreSqlIn(IConfiguration configuration) => Names(PostgreSql, configuration.GetSection(SectionName)[nameof(Provider)]);

    private static bool Names(string provider, string? setting) => string.Equals(setting, provider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file; relative paths are under the content root. Its folder is created at start-up.</summary>
    public string Path { get; set; } = "data/payouts.db";

    /// <summary>
    /// SQLite's synchronous pragma. FULL fsyncs every commit: a cashout acknowledged is a cashout on
    /// disk. Group commit is what makes that affordable, so lowering it is never needed for speed.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Most units of work committed by one transaction (one fsync).</summary>
    public int MaxUnitsPerCommit { get; set; } = 512;

    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// SQLite's page cache for each connection the service opens itself (the writer's above all), in MiB. A page it
    /// misses is read from the kernel's file cache, a copy of a few µs. Beyond the pages every cashout touches it only
    /// costs: the SQLite that EF Core 10 brings (3.53) walks the whole cache at every commit, which with the 256 MiB
    /// we used before took a fifth of the service's CPU (docs/BENCHMARKS.md), and memory. 8 MiB measured as fast as 16
    /// at 64 cashouts in flight, with 5-13 MiB less resident.
    /// </summary>
    public int CacheMebibytes { get; set; } = 8;

    /// <summary>
    /// PostgreSQL's writer connections in each replica, each running one transaction at a time. Units of different
    /// writers run in parallel and wait for each other only on a row both change (a user's balance). What the database
    /// sees is the sum over the replicas: with two replicas, 4 each ran 17-98% more cashouts than 8 each (five pairs), at
    /// less CPU per cashout on both sides (fuller transactions, half the backends); with one replica, 4 and 8 measured the same
    /// (docs/BENCHMARKS.md, fifteenth session).
    /// </summary>
    public int PostgreSqlWriters { get; set; } = 4;

    /// <summary>
    /// The most <see cref="PostgreSqlUnitsPerCommit"/> may be: a group's writes of one kind go as one statement, a row
    /// per unit (ADR-010), and a statement takes at most 65,535 parameters; the widest row, a payout's, has 13.
    /// </summary>
    public const int MaxPostgreSqlUnitsPerCommit = 1_000;

    /// <summary>Most units of work one PostgreSQL transaction commits (see ADR-010 for why the default is what it is).</summary>
    public int PostgreSqlUnitsPerCommit { get; set; } = 8;
}
