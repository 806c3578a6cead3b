using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The health probes' view of the database: the file opens and its migrations table reads. A file that was
/// deleted, locked out or corrupted makes the service NOT_SERVING, so traffic goes where payouts can be recorded.
/// A result stands for one second: probes every few seconds get a fresh answer, and a storm of them cannot turn
/// the health service into a load on the database.
/// </summary>
internal sealed class DatabaseHealthCheck(SqliteConnections connections, TimeProvider time) : IHealthCheck
{
    public const string Name = "database";
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    // Replaced whole, so concurrent probes read one consistent answer.
    private volatile Snapshot? _last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last.At < FreshFor)
        {
            return Task.FromResult(last.Result);
        }

        var result = Check();
        _last = new Snapshot(result, now);
        return Task.FromResult(result);
    }

    private sealed record Snapshot(HealthCheckResult Result, DateTimeOffset At);

    private HealthCheckResult Check()
    {
        try
        {
            using var connection = connections.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM __EFMigrationsHistory";
            return command.ExecuteScalar() is > 0L
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database has no migrations applied.");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }
}

public static class DatabaseHealthCheckExtensions
{
    public static IHealthChecksBuilder AddDatabaseCheck(this IHealthChecksBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        return builder.AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
    }
}
