namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// One service process owns a SQLite file. Two would both serve and dispatch the same payouts, and each would mint
/// the same ids (TimeOrderedIds continues from the file's last one). The owner holds an exclusive lock on
/// "&lt;file&gt;.owner" for as long as it runs; the kernel drops the lock when the process ends, however it ends, so a
/// crash never leaves the file owned. Because no one else can be working on the file, the owner may also take back
/// at once whatever a previous process left in flight. Tools that only add a row (the CLI's merchant tokens) do not
/// take it: SQLite serialises their writes with the service's.
/// </summary>
internal sealed class DatabaseOwner(SqliteConnections connections) : IDisposable
{
    private FileStream? _lock;

    public string LockPath { get; } = connections.FilePath + ".owner";

    /// <exception cref="DatabaseInUseException">Another process owns the file.</exception>
    public void Take()
    {
        if (_lock is not null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a sharing lock on Windows: held across processes.
            _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DatabaseInUseException(
                $"Another process is already serving the database {connections.FilePath} (it holds {LockPath}). " +
                "One service process owns a SQLite file: stop the other one, or give this one its own Database:Path. " +
                "(Several replicas need PostgreSQL.)");
        }
    }

    public void Dispose() => _lock?.Dispose();
}

public static class DatabaseOwnership
{
    /// <summary>Makes this process the database's one owner, before it migrates or serves anything.</summary>
    /// <exception cref="DatabaseInUseException">Another process owns the file.</exception>
    public static void TakeDatabaseOwnership(this IServiceProvider services) => services.GetRequiredService<DatabaseOwner>().Take();
}

/// <summary>A second service process was started on a SQLite file that another one serves.</summary>
public sealed class DatabaseInUseException(string message) : Exception(message);
