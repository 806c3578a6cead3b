using Npgsql;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Sends a PostgreSQL writer's statements, each in one round trip together with the statements queued to run before it.
/// A unit's SAVEPOINT and RELEASE are queued instead of sent alone: with the default of one unit per transaction,
/// they were two of a cashout's dozen round trips, and each costs the writer and its backend a wake-up on both sides.
/// The transaction's id goes the same way, with the transaction's first statement.
/// </summary>
internal sealed class WriterRoundTrips(NpgsqlConnection connection) : IDisposable
{
    private readonly NpgsqlBatch _batch = new(connection);
    private NpgsqlBatchCommand? _transactionIdQuery;

    /// <summary>
    /// The open transaction's id, once <see cref="QueueTransactionId"/>'s query has gone with a statement; null before.
    /// The writer needs it before its COMMIT, to ask the server what became of a COMMIT that got no answer.
    /// </summary>
    public string? TransactionId { get; private set; }

    /// <summary>Runs <paramref name="sql"/> (without parameters, its outcome read by nothing) before the next statement.</summary>
    public void Queue(string sql) => _batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));

    /// <summary>
    /// Asks for the transaction's id (assigning one) with the next statement, first in its round trip: the id then
    /// costs no round trip of its own before the COMMIT. Queue it first thing in a transaction.
    /// </summary>
    public void QueueTransactionId()
    {
        TransactionId = null;
        _transactionIdQuery = new NpgsqlBatchCommand("SELECT pg_current_xact_id()::text");
        _batch.BatchCommands.Add(_transactionIdQuery);
    }

    /// <summary>Forgets what is queued: the transaction it was meant for has ended.</summary>
    public void Clear()
    {
        _batch.BatchCommands.Clear();
        _transactionIdQuery = null;
    }

    /// <returns>The rows changed, as <see cref="NpgsqlCommand.ExecuteNonQuery()"/> counts them (queued statements change none).</returns>
    public int ExecuteNonQuery(NpgsqlBatchCommand statement)
    {
        _batch.BatchCommands.Add(statement);
        try
        {
            if (_transactionIdQuery is null)
            {
                return _batch.ExecuteNonQuery();
            }

            // Disposing the reader reads the rest of the batch's results, the statement's count among them.
            using (var reader = _batch.ExecuteReader())
            {
                ReadTransactionId(reader);
            }

            return statement.RecordsAffected;
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
            if (_transactionIdQuery is not null)
            {
                ReadTransactionId(reader);
                reader.NextResult();
            }

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

    // The id query was queued first, so its row is the batch's first result.
    private void ReadTransactionId(NpgsqlDataReader reader)
    {
        reader.Read();
        TransactionId = reader.GetString(0);
        _transactionIdQuery = null;
    }
}
