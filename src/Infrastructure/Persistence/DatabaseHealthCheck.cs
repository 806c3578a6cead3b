using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The health probes' view of the database: the writer can write, a connection opens and its migrations table reads. A
/// SQLite writer that cannot write (WriterStatus), a file that was deleted, locked out or corrupted, or a PostgreSQL that
/// cannot be reached, makes the service NOT_SERVING, so traffic goes where payouts can be recorded.
/// A result stands for one second: probes every few seconds get a fresh answer, and a storm of them cannot turn
/// the health service into a load on the database. It logs when the database becomes unreadable and when it
/// recovers: the health check service's own per-check lines are silenced (appsettings.json), since every probe
/// during a shutdown drain would log the planned NOT_SERVING as an error.
/// </summary>
internal sealed partial class DatabaseHealthCheck(OpenConnection open, WriterStatus writer, TimeProvider time, ILogger<DatabaseHealthCheck> logger)
    : IHealthCheck
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
        if (result.Status != (_last?.Result.Status ?? HealthStatus.Healthy))
        {
            if (result.Status == HealthStatus.Healthy)
            {
                Recovered(logger);
            }
            else
            {
                Unreadable(logger, result.Description, result.Exception);
            }
        }

        _last = new Snapshot(result, now);
        return Task.FromResult(result);
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Error, Message = "Health: NOT_SERVING, the database cannot be used: {Reason}")]
    private static partial void Unreadable(ILogger logger, string? reason, Exception? exception);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Health: the database can be used again")]
    private static partial void Recovered(ILogger logger);

    private sealed record Snapshot(HealthCheckResult Result, DateTimeOffset At);

    private HealthCheckResult Check()
    {
        if (writer.DownBecause is { } reason)
        {
            return HealthCheckResult.Unhealthy("The database writer cannot write: changes are refused until it can.", reason);
        }

        try
        {
            using var connection = open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
            return command.ExecuteScalar() is > 0L
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database has no migrations applied.");
        }
        catch (DbException ex)
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
