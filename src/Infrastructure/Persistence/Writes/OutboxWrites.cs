using Payouts.Application.Common.Persistence;

namespace Payouts.Infrastructure.Persistence.Writes;

internal sealed class OutboxWrites(PreparedStatements sql) : IOutboxWrites
{
    private readonly Statement _add = sql.Prepare("INSERT INTO OutboxMessages (Type, Payload, CreatedAtMs) VALUES ($1, $2, $3)");
    private readonly Statement _delete = sql.Prepare("DELETE FROM OutboxMessages WHERE Id = $1");

    public void Add(OutboxMessage message) =>
        _add.With(message.Type, message.Payload, RowMapping.ToMs(message.CreatedAt)).ExecuteChangingOneRow("Outbox message", message.Type);

    public bool Delete(long id) => _delete.With(id).ExecuteNonQuery() == 1;
}
