using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>One unit of work waiting for the writer. Its outcome is published only after the commit.</summary>
internal interface IWorkItem
{
    /// <summary>Whose rows the unit changes, if it named one (IUnitOfWork): on PostgreSQL only such units share a transaction.</summary>
    string? Owner { get; }

    /// <summary>
    /// Runs the unit and, if it succeeded, saves its payouts and dispatches their events; false when it failed and its changes
    /// must be rolled back. It may run again, in a new transaction, when another unit of its group failed: the last run's
    /// outcome is the one published.
    /// </summary>
    bool Run(WriteSession session);

    /// <summary>
    /// Writes the idempotency record for the outcome (after a failed unit was rolled back). False when another request
    /// with the key recorded its outcome first (on another replica): the unit must be rolled back, and its caller is
    /// told the key is in flight, so that a retry replays the outcome recorded. <paramref name="withGroup"/>: as one of
    /// the group's writes (IdempotencyWrites.SaveWithGroup), which throws instead, there or at the group's end.
    /// </summary>
    bool Record(IdempotencyWrites records, bool withGroup);

    /// <summary>The record the unit's last run wrote with it, if it wrote one and was not undone: committed with the unit.</summary>
    IdempotencyRecord? Recorded { get; }

    void Fault(Exception exception);

    /// <summary>The commit succeeded: publish the outcome.</summary>
    void Complete();

    /// <summary>The commit failed: nothing of this unit was written.</summary>
    void Abandon();

    /// <summary>The commit got no answer and the database could not say whether it happened: the unit may be written.</summary>
    void Unresolved();
}

/// <param name="idempotency">A keyed command's record, written with the unit's outcome; null for none.</param>
internal sealed class WorkItem<T>(Func<IWriteSession, Result<T>> work, PendingIdempotencyRecord? idempotency, string? owner) : IWorkItem
{
    private readonly TaskCompletionSource<Result<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Result<T> _outcome;
    private Exception? _fault;
    private IdempotencyRecord? _recorded;

    public Task<Result<T>> Task => _completion.Task;

    public string? Owner => owner;

    public IdempotencyRecord? Recorded => _recorded;

    public bool Run(WriteSession session)
    {
        _fault = null;
        _recorded = null;
        _outcome = work(session);
        if (_outcome.IsSuccess && session.SaveChanges() is { IsSuccess: false } saved)
        {
            _outcome = Result<T>.Failure(saved.Error);
        }

        return _outcome.IsSuccess;
    }

    public bool Record(IdempotencyWrites records, bool withGroup)
    {
        if (idempotency?.Complete(_outcome) is not { } record)
        {
            return true;
        }

        if (withGroup)
        {
            records.SaveWithGroup(record);
            _recorded = record;
            return true;
        }

        if (records.Save(record))
        {
            _recorded = record;
            return true;
        }

        _outcome = Result<T>.Failure(TransientErrors.KeyInFlight);
        return false;
    }

    // The unit was rolled back, its record with it.
    public void Fault(Exception exception)
    {
        _fault = exception;
        _recorded = null;
    }

    public void Complete()
    {
        if (_fault is not null)
        {
            _completion.TrySetException(_fault);
        }
        else
        {
            _completion.TrySetResult(_outcome);
        }
    }

    public void Abandon()
    {
        _completion.TrySetResult(Result<T>.Failure(TransientErrors.StorageWriteFailed));
    }

    public void Unresolved()
    {
        _completion.TrySetResult(Result<T>.Failure(TransientErrors.OutcomeUnknown));
    }
}
