using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Persistence;

/// <summary>
/// Runs a command's writes as one atomic unit. Units from concurrent requests are grouped into one
/// database transaction (one fsync for many), each inside its own savepoint: a unit that fails is
/// undone alone. When the work succeeds, the unit saves the payouts it added or changed and dispatches
/// their domain events (ledger moves, merchant webhooks; see PayoutEventDispatcher) before the savepoint
/// is released, so no use case can change a payout without its side effects.
/// </summary>
public interface IUnitOfWork
{
    /// <param name="work">Runs on the writer, against the latest committed state; it must not block.</param>
    Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// A keyed command's unit: <paramref name="idempotency"/>, completed with the unit's outcome, is written in the
    /// unit's savepoint (after a failed unit was rolled back, so errors replay too). Null runs the unit alone.
    /// </summary>
    Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, PendingIdempotencyRecord? idempotency, CancellationToken cancellationToken);
}
