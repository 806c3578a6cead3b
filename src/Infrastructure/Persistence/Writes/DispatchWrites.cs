using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class DispatchWrites(PreparedStatements sql) : IDispatchWrites
{
    private readonly Statement _find = sql.PrepareLocking("SELECT Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient FROM PayoutDispatches WHERE PayoutId = $1");
    private readonly Statement _save = sql.Prepare(
        "INSERT INTO PayoutDispatches (PayoutId, Stage, Attempts, NextAttemptAtMs, LastError, UpdatedAtMs, Recipient) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (PayoutId) DO UPDATE SET Stage = excluded.Stage, Attempts = excluded.Attempts, NextAttemptAtMs = excluded.NextAttemptAtMs, " +
        "LastError = excluded.LastError, UpdatedAtMs = excluded.UpdatedAtMs");

    public PayoutDispatch? Find(long payoutId)
    {
        using var reader = _find.With(payoutId).ExecuteReader();
        return reader.Read()
            ? new PayoutDispatch(
                payoutId,
                Enum.Parse<DispatchStage>(reader.GetString(0)),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : RowMapping.FromMs(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                RowMapping.FromMs(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    public void Save(PayoutDispatch dispatch) => _save
        .With(
            dispatch.PayoutId,
            dispatch.Stage.ToString(),
            dispatch.Attempts,
            dispatch.NextAttemptAt is { } next ? RowMapping.ToMs(next) : null,
            dispatch.LastError,
            RowMapping.ToMs(dispatch.UpdatedAt),
            dispatch.Recipient)
        .ExecuteNonQuery();
}
