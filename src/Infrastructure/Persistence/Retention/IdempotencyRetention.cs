using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Payouts.Infrastructure.Persistence.Retention;

/// <summary>The "Idempotency" configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key is remembered; a retry within this window is always answered from it.</summary>
    public int RetentionDays { get; set; } = 30;

    public int SweepIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// On PostgreSQL, how old a claim on a key (its first request still running) must be before another request may
    /// take it over: the claim of a replica that died. Far longer than any request takes.
    /// </summary>
    public int ClaimTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Forgets idempotency keys older than the retention window. It deletes a few hundred rows per
/// transaction, so the group-commit writer never waits long for SQLite's write lock. On PostgreSQL every replica
/// sweeps: each transaction takes its rows FOR UPDATE SKIP LOCKED, so two sweeps at once delete different rows instead
/// of one waiting on (or deadlocking with) the other's, and a sweep that dies rolls back only its last few hundred.
/// </summary>
internal sealed partial class IdempotencyRetention(
    DbDataSource database, IOptions<IdempotencyOptions> options, IOptions<DatabaseOptions> databaseOptions, TimeProvider clock,
    ILogger<IdempotencyRetention> logger)
    : BackgroundService
{
    private const int RowsPerTransaction = 500;

    /// <summary>Deletes every record older than the window; returns how many went.</summary>
    public int Sweep()
    {
        var cutoff = RowMapping.ToMs(clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays));
        using var command = database.CreateCommand(
            """DELETE FROM "IdempotencyRecords" WHERE ("CallerId", "Key") IN """ +
            """(SELECT "CallerId", "Key" FROM "IdempotencyRecords" WHERE "CreatedAtMs" < @cutoff LIMIT @batch""" +
            (databaseOptions.Value.IsPostgreSql ? " FOR UPDATE SKIP LOCKED)" : ")"));
        command.With("@cutoff", cutoff).With("@batch", (long)RowsPerTransaction);
        var total = 0;
        int deleted;
        do
        {
            deleted = command.ExecuteNonQuery();
            total += deleted;
        }
        while (deleted == RowsPerTransaction);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepIntervalMinutes), clock);
        do
        {
            try
            {
                var forgotten = Sweep();
                Swept(logger, forgotten, options.Value.RetentionDays);
            }
            catch (DbException ex)
            {
                SweepFailed(logger, ex); // the next sweep tries again; keys only live longer meanwhile
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Forgot {Count} idempotency keys older than {Days} days")]
    private static partial void Swept(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Sweeping old idempotency keys failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
