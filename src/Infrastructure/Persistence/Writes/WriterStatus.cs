namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// Whether the database's writer still runs. SQLite's one writer stops for good on an error it cannot go past (its
/// connection would not open, a WAL restart failed): from then on every write is refused, so the health check reports
/// NOT_SERVING and an orchestrator restarts the process instead of sending it traffic it can only refuse.
/// PostgreSQL's writers reconnect instead, and never stop.
/// </summary>
internal sealed class WriterStatus
{
    private volatile Exception? _stoppedBy;

    /// <summary>What stopped the writer; null while it runs.</summary>
    public Exception? StoppedBy => _stoppedBy;

    public void Stopped(Exception reason) => _stoppedBy = reason;
}
