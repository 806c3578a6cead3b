using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>Hands a command's unit of work to the group-commit writer, with its idempotency record.</summary>
internal sealed class UnitOfWork(GroupCommitWriter writer, IdempotencyContext idempotency) : IUnitOfWork
{
    public async Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WorkItem<T>(work, idempotency.RecordFor);
        writer.Enqueue(item);

        // Deliberately not cancellable once queued: the unit may already be committed, and the caller
        // must learn its real outcome (a retry would then be answered from the idempotency record).
        var outcome = await item.Task;
        if (item.IsRecorded)
        {
            idempotency.MarkRecorded();
        }

        return outcome;
    }
}
