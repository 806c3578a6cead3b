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
    public static async Task LockWaitersAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await command.ExecuteScalarAsync())! < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{count} units wait for a lock");
            await Task.Delay(10);
        }
    }
}
