using Npgsql;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Sends a PostgreSQL writer's statements, each in one round trip together with the statements queued to run before it.
/// A unit's SAVEPOINT and RELEASE are queued instead of sent alone: with the default of one unit per transaction,
/// they were two of a cashout's dozen round trips, and each costs the writer and its backend a wake-up on both sides.
/// </summary>
internal sealed class WriterRoundTrips(NpgsqlConnection connection) : IDisposable
{
    private readonly NpgsqlBatch _batch = new(connection);

    /// <summary>Runs <paramref name="sql"/> (without parameters, its outcome read by nothing) before the next statement.</summary>
    public void Queue(string sql) => _batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));

    /// <summary>Forgets what is queued: the transaction it was meant for has ended.</summary>
    public void Clear() => _batch.BatchCommands.Clear();

    /// <returns>The rows changed, as <see cref="NpgsqlCommand.ExecuteNonQuery()"/> counts them (queued statements change none).</returns>
    public int ExecuteNonQuery(NpgsqlBatchCommand statement)
    {
        _batch.BatchCommands.Add(statement);
        try
        {
            return _batch.ExecuteNonQuery();
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>The statement's rows; <see cref="EndRows"/> must follow.</summary>
    public NpgsqlDataReader ExecuteReader(NpgsqlBatchCommand statement)
    {
        _batch.BatchCommands.Add(statement);
        try
        {
            var reader = _batch.ExecuteReader();

            // Past the queued statements' results, which have no columns, to the statement's own.
            while (reader.FieldCount == 0 && reader.NextResult())
            {
            }

            return reader;
        }
        catch
        {
            Clear();
            throw;
        }
    }

    public void EndRows(NpgsqlDataReader reader)
    {
        reader.Dispose();
        Clear();
    }

    public void Dispose() => _batch.Dispose();
}
