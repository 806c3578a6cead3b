using System.Data.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Reads;

/// <summary>
/// Every keyed request asks this once, so it reads on a plain pooled connection rather than through EF. On
/// EF Core 10 each query opens the context's connection, and the profile showed that open registering EF's SQL
/// functions again (<c>sqlite3_create_function</c>) every time: through EF the keyed cashout path ran 0.80x as
/// fast as on EF Core 6, this way 0.99x (docs/BENCHMARKS.md). The same SQL serves PostgreSQL, where a row without
/// an outcome is a claim (PostgreSql/IdempotencyClaims), not a record.
/// </summary>
internal sealed class IdempotencyStore(DbDataSource database) : IIdempotencyStore
{
    private const string Find = """
        SELECT "RequestJson", "ResponseJson", "ErrorJson", "CreatedAtMs" FROM "IdempotencyRecords"
        WHERE "CallerId" = @caller AND "Key" = @key AND ("ResponseJson" IS NOT NULL OR "ErrorJson" IS NOT NULL)
        """;

    public async Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(Find);
        command.With("@caller", callerId).With("@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return RowMapping.FromRow(new IdempotencyRecordRow
        {
            CallerId = callerId,
            Key = key,
            RequestJson = reader.GetString(0),
            ResponseJson = reader.IsDBNull(1) ? null : reader.GetString(1),
            ErrorJson = reader.IsDBNull(2) ? null : reader.GetString(2),
            CreatedAtMs = reader.GetInt64(3),
        });
    }
}
