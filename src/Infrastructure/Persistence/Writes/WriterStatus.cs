namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// Whether the database's writer can write. While SQLite's one writer cannot (its connection would not open, a WAL
/// restart failed) every write is refused, so the health check reports NOT_SERVING and traffic goes elsewhere; the
/// writer tries a new connection every second and reports when one works. PostgreSQL's writers reconnect on their own,
/// each of several, and do not report here.
/// </summary>
internal sealed class WriterStatus
{
    private volatile Exception? _downBecause;

    /// <summary>Why the writer cannot write; null while it can.</summary>
    public Exception? DownBecause => _downBecause;

    public void Down(Exception reason) => _downBecause = reason;

    public void Up() => _downBecause = null;
}
