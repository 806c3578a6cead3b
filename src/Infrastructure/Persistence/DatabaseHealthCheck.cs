using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The health probes' view of the database: the file opens and its migrations table reads. A file that was
/// deleted, locked out or corrupted makes the service NOT_SERVING, so traffic goes where payouts can be recorded.
/// </summary>
internal sealed class DatabaseHealthCheck(SqliteConnections connections) : IHealthCheck
{
    public const string Name = "database";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = connections.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM __EFMigrationsHistory";
            return Task.FromResult(command.ExecuteScalar() is > 0L
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database has no migrations applied."));
        }
        catch (SqliteException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The database cannot be read.", ex));
        }
    }
}

public static class DatabaseHealthCheckExtensions
{
    public static IHealthChecksBuilder AddDatabaseCheck(this IHealthChecksBuilder builder) =>
        builder.AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
}
