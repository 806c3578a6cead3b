namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>What runs the units of work: SQLite's one group-commit writer, or PostgreSQL's writers.</summary>
internal interface IWriter
{
    /// <summary>Queues a unit. Once queued it runs even if the caller stops waiting: it may already be committed.</summary>
    void Enqueue(IWorkItem item);
}
