using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Payouts.Infrastructure.Persistence.PostgreSql;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the latest migration. Called once, deliberately, at start-up (never
/// EnsureCreated): the same migrations that built a development file upgrade production.
/// </summary>
public static partial class DatabaseMigrator
{
    // EF Core 9+ names its migration lock table so; it is EF's, only read here to say why a start-up waits.
    private const string LockTable = "__EFMigrationsLock";

    // The SQLite model is compiled: one static instance per process, which EF initializes on its first use by each
    // composition, and two first uses at once can see it half-initialized ("The model must be finalized ..."). The
    // service composes once, but its test suites build many compositions in parallel, and one failed so.
    private static readonly Lock CompiledModelFirstUse = new();

    public static void MigrateDatabase(this IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgreSql)
        {
            MigratePostgreSql(services);
            return;
        }

        lock (CompiledModelFirstUse)
        {
            MigrateSqlite(services);
        }
    }

    private static void MigrateSqlite(IServiceProvider services)
    {
        var connections = services.GetRequiredService<SqliteConnections>();
        connections.CreateInWalMode();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();

        // Since EF Core 9, Migrate() first takes a lock, even with nothing to apply. On SQLite the lock is a row that
        // only its holder deletes: a process killed while holding it (a crash or a kill during any start-up) would
        // leave every later start waiting in Migrate() forever. So Migrate() runs only when a migration is pending,
        // on a new file or the first start of a new release, and every other start takes no lock at all.
        // (That Migrate() also refuses a model that differs from the migrations is checked by a test instead.)
        var pending = db.Database.GetPendingMigrations().ToList();
        if (pending.Count > 0)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator).FullName!);
            if (LockHeldSince(connections) is { } since)
            {
                LockHeld(logger, since, connections.FilePath, LockTable);
            }

            Applying(logger, pending.Count, pending);
            db.Database.Migrate();
        }

        services.GetRequiredService<TimeOrderedIds>().StartAfter(LastPayoutId(connections));
    }

    /// <summary>
    /// Several replicas may start at once; the lock lets one migrate while the others wait. Unlike SQLite's lock row,
    /// the lock dies with its holder, so every start may take it.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached, or refuses the connection string's login or database.</exception>
    private static void MigratePostgreSql(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        IDisposable migrationLock;
        try
        {
            migrationLock = PostgreSqlDatabase.LockMigrations(dataSource);
        }
        catch (NpgsqlException ex)
        {
            throw PostgreSqlDatabase.Unavailable(dataSource, ex);
        }

        using var held = migrationLock;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();
        var pending = db.Database.GetPendingMigrations().ToList();
        if (pending.Count > 0)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator).FullName!);
            Applying(logger, pending.Count, pending);
            db.Database.Migrate();
        }
    }

    /// <summary>Plain SQL: compiling the LINQ query for this one read cost a fifth of the start-up.</summary>
    private static long LastPayoutId(SqliteConnections connections)
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Payouts";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>When the migration lock was taken, if a row holds it.</summary>
    private static string? LockHeldSince(SqliteConnections connections)
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        command.Parameters.AddWithValue("$table", LockTable);
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        command.CommandText = $"SELECT Timestamp FROM \"{LockTable}\" LIMIT 1";
        return command.ExecuteScalar() as string;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Applying {Count} migrations: {Migrations}")]
    private static partial void Applying(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message =
        "The migration lock has been held since {Since}; start-up waits for it. If no other process is migrating {Path}, " +
        "an earlier migration was killed while holding it: stop the service and delete the row from {LockTable}.")]
    private static partial void LockHeld(ILogger logger, string since, string path, string lockTable);
}

/// <summary>
/// The database the settings name cannot be used at start-up (PostgreSQL down, unreachable, or refusing the login or
/// the database): an operator's problem to fix, reported without a stack trace, never a crash.
/// </summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
