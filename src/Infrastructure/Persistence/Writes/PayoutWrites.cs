using Payouts.Application.Common.Persistence;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// Also remembers the payouts the current unit found or added, each with the version stored: the ones the unit
/// of work saves, if changed, and whose events it dispatches (<see cref="WriteSession.SaveChanges"/>).
/// </summary>
internal sealed class PayoutWrites(PreparedStatements sql, Func<long> nextId) : IPayoutWrites
{
    private readonly List<(Payout Payout, long StoredVersion)> _tracked = [];
    private readonly Statement _find = sql.PrepareLocking(
        "SELECT Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version FROM Payouts WHERE Id = $1");
    private readonly Statement _add = sql.Prepare(
        "INSERT INTO Payouts (Id, Kind, OwnerId, AmountMinor, Currency, Provider, Type, Status, ProviderReference, FailureReason, CreatedAtMs, UpdatedAtMs, Version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
    private readonly Statement _update = sql.Prepare(
        "UPDATE Payouts SET Status = $1, ProviderReference = $2, FailureReason = $3, UpdatedAtMs = $4, Version = $5, Provider = $6 WHERE Id = $7 AND Version = $8");

    /// <summary>The current unit's payouts, in the order found or added. It grows while their events are dispatched.</summary>
    public IReadOnlyList<(Payout Payout, long StoredVersion)> Tracked => _tracked;

    /// <summary>A new unit starts: the payouts of the previous one are forgotten, whatever became of it.</summary>
    public void Forget() => _tracked.Clear();

    public PayoutId NextId() => new(nextId());

    public Payout? Find(PayoutId id)
    {
        var payout = Read(id);
        if (payout is not null)
        {
            _tracked.Add((payout, payout.Version));
        }

        return payout;
    }

    public void Add(Payout payout)
    {
        var row = RowMapping.ToRow(payout);
        _add.With(
            row.Id, row.Kind, row.OwnerId, row.AmountMinor, row.Currency, row.Provider, row.Type, row.Status,
            row.ProviderReference, row.FailureReason, row.CreatedAtMs, row.UpdatedAtMs, row.Version).ExecuteChangingOneRow("Payout", row.Id);
        _tracked.Add((payout, payout.Version));
    }

    /// <summary>Writes the payout only if it still has <paramref name="expectedVersion"/>: one change at a time per payout.</summary>
    public void Update(Payout payout, long expectedVersion)
    {
        var row = RowMapping.ToRow(payout);
        _update
            .With(row.Status, row.ProviderReference, row.FailureReason, row.UpdatedAtMs, row.Version, row.Provider, row.Id, expectedVersion)
            .ExecuteChangingOneRow("Payout", row.Id);
    }

    private Payout? Read(PayoutId id)
    {
        using var reader = _find.With(id.Value).ExecuteReader();
        return reader.Read() ? RowMapping.FromRow(new PayoutRow
        {
            Id = reader.GetInt64(0),
            Kind = reader.GetString(1),
            OwnerId = reader.GetString(2),
            AmountMinor = reader.GetInt64(3),
            Currency = reader.GetString(4),
            Provider = reader.GetString(5),
            Type = reader.GetString(6),
            Status = reader.GetString(7),
            ProviderReference = reader.IsDBNull(8) ? null : reader.GetString(8),
            FailureReason = reader.IsDBNull(9) ? null : reader.GetString(9),
            CreatedAtMs = reader.GetInt64(10),
            UpdatedAtMs = reader.GetInt64(11),
            Version = reader.GetInt64(12),
        }) : null;
    }
}
