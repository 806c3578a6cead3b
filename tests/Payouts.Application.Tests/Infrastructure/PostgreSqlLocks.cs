using Npgsql;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>Holds a race open on PostgreSQL: a lock taken as another writer's transaction would, and a wait for those it blocks.</summary>
internal static class PostgreSqlLocks
{
    /// <summary>Holds the owner's balance row as another replica's transaction would, until committed.</summary>
    public static async Task<NpgsqlTransaction> LockBalanceAsync(NpgsqlConnection connection, string ownerId)
    {
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""SELECT 1 FROM "BalanceAccounts" WHERE "OwnerId" = @owner FOR UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("owner", ownerId);
        await command.ExecuteScalarAsync();
        return transaction;
    }

    /// <summary>Waits until <paramref name="count"/> sessions on the database wait for a lock.</summary>
    public static Task LockWaitersAsync(string connectionString, int count) => CountReachesAsync(
        connectionString, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", count, "units wait for a lock");

    /// <summary>Until the keys' requests have claimed them: each claim is a round trip of its own, before the request's unit is queued.</summary>
    public static Task ClaimsAsync(string connectionString, int count) => CountReachesAsync(
        connectionString, "SELECT COUNT(*) FROM \"IdempotencyRecords\" WHERE \"ResponseJson\" IS NULL AND \"ErrorJson\" IS NULL", count, "keys are claimed");

    private static async Task CountReachesAsync(string connectionString, string countSql, int count, string what)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(countSql, connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await command.ExecuteScalarAsync())! < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{count} {what}");
            await Task.Delay(10);
        }
    }
}
