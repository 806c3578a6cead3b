using Payouts.Application.Common.Idempotency;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>Idempotency records: written by the writer itself with the unit they remember (see WorkItem), never by a handler.</summary>
internal sealed class IdempotencyWrites(PreparedStatements sql)
{
    // A row without an outcome is a claim (PostgreSQL's IdempotencyClaims): the record completes it. A row with an
    // outcome is left alone, and the unit that found it is undone.
    private readonly Statement _save = sql.Prepare(
        "INSERT INTO IdempotencyRecords (CallerId, Key, RequestJson, ResponseJson, ErrorJson, CreatedAtMs) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (CallerId, Key) DO UPDATE SET RequestJson = excluded.RequestJson, ResponseJson = excluded.ResponseJson, " +
        "ErrorJson = excluded.ErrorJson, CreatedAtMs = excluded.CreatedAtMs " +
        "WHERE IdempotencyRecords.ResponseJson IS NULL AND IdempotencyRecords.ErrorJson IS NULL");

    /// <returns>False when the key already has an outcome: another request recorded it first.</returns>
    public bool Save(IdempotencyRecord record) => Bind(record).ExecuteNonQuery() == 1;

    /// <summary>
    /// Saves the record as a write of one row (Statement.ExecuteChangingOneRow): on PostgreSQL it waits, and a group's
    /// records go as one statement, not a round trip each. A key that has an outcome already throws, there or when it is
    /// sent, and the group runs again unit by unit, where <see cref="Save"/> tells that unit alone; only a replica whose
    /// claim was taken over meets one, so that costs nothing in the common case.
    /// </summary>
    public void SaveWithGroup(IdempotencyRecord record) => Bind(record).ExecuteChangingOneRow("The idempotency record of key", record.Key);

    private Statement Bind(IdempotencyRecord record)
    {
        var row = RowMapping.ToRow(record);
        return _save.With(row.CallerId, row.Key, row.RequestJson, row.ResponseJson, row.ErrorJson, row.CreatedAtMs);
    }
}
