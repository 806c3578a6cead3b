using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>Hands a unit of work, and a keyed command's pending record, to the writer. It holds no state of its own.</summary>
internal sealed class UnitOfWork(IWriter writer) : IUnitOfWork
{
    public Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, CancellationToken cancellationToken) =>
        ExecuteAsync(work, null, null, cancellationToken);

    public Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, PendingIdempotencyRecord? idempotency, string? owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WorkItem<T>(work, idempotency, owner);
        writer.Enqueue(item);

        // Deliberately not cancellable once queued: the unit may already be committed, and the caller
        // must learn its real outcome (a retry would then be answered from the idempotency record).
        return item.Task;
    }
}
