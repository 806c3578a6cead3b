using Payouts.Application.Common.Idempotency;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>Idempotency records: written by the writer itself with the unit they remember (see WorkItem), never by a handler.</summary>
internal sealed class IdempotencyWrites(PreparedStatements sql)
{
    private readonly Statement _save = sql.Prepare(
        "INSERT INTO IdempotencyRecords (CallerId, Key, RequestJson, ResponseJson, ErrorJson, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6)");

    public void Save(IdempotencyRecord record)
    {
        var row = RowMapping.ToRow(record);
        _save.With(row.CallerId, row.Key, row.RequestJson, row.ResponseJson, row.ErrorJson, row.CreatedAtMs).ExecuteNonQuery();
    }
}
