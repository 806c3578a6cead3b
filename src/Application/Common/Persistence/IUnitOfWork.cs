using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Persistence;

/// <summary>
/// Runs a command's writes as one atomic unit. Units from concurrent requests are grouped into one database
/// transaction (one fsync for many; on PostgreSQL only units that name their owner), and a unit that fails is undone
/// alone. When the work succeeds, the unit saves the payouts it added or changed and dispatches their domain events
/// (ledger moves, merchant webhooks; see PayoutEventDispatcher) in the same unit, so no use case can change a payout
/// without its side effects.
/// </summary>
public interface IUnitOfWork
{
    /// <param name="work">
    /// Runs on the writer, against the latest committed state; it must not block. It may run more than once (when another
    /// unit of its group failed, the group is rolled back and run again, ADR-002): only the last run's outcome counts, so
    /// it must change nothing but through the session, and read its captured values without changing them.
    /// </param>
    Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// A keyed command's unit: <paramref name="idempotency"/>, completed with the unit's outcome, is written in the
    /// unit (after a failed unit was rolled back, so errors replay too). Null writes no record.
    /// </summary>
    /// <param name="owner">
    /// The user or merchant every row the unit changes or locks belongs to (their balance, their cashout method, their
    /// idempotency records; rows it inserts anew do not count), or null. On PostgreSQL only units that name one share a
    /// transaction, run in their owners' order, so that two transactions never wait for each other's rows (ADR-010
    /// decision 4); a unit that names none runs in a transaction alone. Naming an owner for a unit that touches another's
    /// rows can deadlock two groups.
    /// </param>
    Task<Result<T>> ExecuteAsync<T>(Func<IWriteSession, Result<T>> work, PendingIdempotencyRecord? idempotency, string? owner, CancellationToken cancellationToken);
}
