using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>PostgreSQL's connections and its start-up migration.</summary>
internal static class PostgreSqlDatabase
{
    // Any constant shared by every replica: a session advisory lock's key, for this service's migrations only.
    private const long MigrationLockKey = 0x7061796f75747331; // "payouts1"

    public static bool IsValid(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static IServiceCollection AddPostgreSqlDatabase(this IServiceCollection services)
    {
        // One data source: it owns the connection pool that EF and the health check share.
        services.AddSingleton(sp => Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        services.AddSingleton<OpenConnection>(sp => sp.GetRequiredService<NpgsqlDataSource>().OpenConnection);
        services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());
        services.AddDbContextPool<PayoutsDbContext, PostgreSqlPayoutsDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        return services;
    }

    private static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // The writers run the same few dozen statements over and over: each is prepared on the server once it has
        // run twice, unless the connection string says otherwise (0 for a pooler without prepared statements).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        return builder.Build();
    }

    /// <summary>
    /// Holds the migration lock until disposed: one replica migrates, the others wait and then find nothing pending.
    /// EF Core's own lock on PostgreSQL (a LOCK TABLE on its history table, inside the migration's transaction) is taken
    /// only after it has created that table; this session advisory lock covers the whole step, whatever EF does inside it,
    /// and PostgreSQL drops it with the connection, so a start-up killed while holding it leaves nothing to wait for.
    /// </summary>
    public static IDisposable LockMigrations(NpgsqlDataSource dataSource)
    {
        var connection = dataSource.OpenConnection();
        Execute(connection, $"SELECT pg_advisory_lock({MigrationLockKey})");
        return new MigrationLock(connection);
    }

    /// <summary>Says which server and database could not be used and why, never the connection string's password.</summary>
    public static DatabaseUnavailableException Unavailable(NpgsqlDataSource dataSource, NpgsqlException failure)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var reason = failure.InnerException is { } cause ? $"{failure.Message}: {cause.Message}" : failure.Message;
        return new DatabaseUnavailableException(
            $"PostgreSQL at {settings.Host}:{settings.Port}, database \"{settings.Database}\" as user \"{settings.Username}\", cannot be used: {reason}. " +
            "Check ConnectionStrings:Payouts and that the server is up.",
            failure);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class MigrationLock(NpgsqlConnection connection) : IDisposable
    {
        // Unlocked explicitly: a connection back in the pool keeps its session, and so the lock, until it is reused.
        public void Dispose()
        {
            using (connection)
            {
                Execute(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})");
            }
        }
    }
}
