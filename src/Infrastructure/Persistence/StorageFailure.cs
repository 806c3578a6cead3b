using System.Data.Common;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// Whether an exception is the database failing (busy past its timeout, an I/O error, a full disk), as opposed to a
/// bug. A write that failed so committed nothing (the group's transaction rolled back), so the caller may retry it;
/// the transports answer UNAVAILABLE with a plain message, never the exception's text.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return true;
            }
        }

        return false;
    }
}
