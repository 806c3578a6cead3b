using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>Hands a command's unit of work to the group-commit writer, with its idempotency record.</summary>
internal sealed class UnitOfWork(GroupCommitWriter writer, IdempotencyContext idempotency) : IUnitOfWork
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton for background work (dispatcher, form expiry, webhook
    /// sender) with its own unit of work: its writes are never part of a request's idempotency record.
    /// </summary>
    public static IServiceCollection AddBackgroundSingleton<T>(IServiceCollection services)
        where T : class =>
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<T>(
            sp, new UnitOfWork(sp.GetRequiredService<GroupCommitWriter>(), new IdempotencyContext(sp.GetRequiredService<TimeProvider>()))));

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
