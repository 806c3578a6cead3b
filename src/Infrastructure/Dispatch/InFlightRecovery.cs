using Microsoft.Data.Sqlite;
using Payouts.Application.Dispatch;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Infrastructure.Dispatch;

/// <summary>
/// Takes back at start-up the payouts a previous process was in the middle of. The dispatcher claims a payout by
/// pushing its next attempt one in-flight lease ahead of the claim (PayoutDispatcher.Claim: NextAttemptAt =
/// UpdatedAt + InFlightLease), so that another worker leaves it alone while the call is out; a crash then held the
/// payout for the whole lease. The database's owner (DatabaseOwner) knows no other process can be working on it, so
/// such a claim can only be a dead process's: it is due at once. That is as safe as after the lease: a submission
/// whose outcome is unknown is still resolved by asking the provider first (ADR-004). A claim made under another
/// InFlightLease setting does not match and simply waits out its lease, as before.
/// SQLite only (it opens the file through SqliteConnections, which PostgreSQL's composition does not have): replicas
/// on one PostgreSQL database own nothing alone, a claim under its lease there may be a live replica's step, and only
/// the lease's end hands it over.
/// </summary>
public static class InFlightRecovery
{
    /// <returns>How many payouts were taken back.</returns>
    public static int TakeBackInFlightPayouts(this IServiceProvider services)
    {
        var lease = services.GetRequiredService<DispatchPolicy>().InFlightLease;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var connection = services.GetRequiredService<SqliteConnections>().Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE PayoutDispatches SET NextAttemptAtMs = $now WHERE NextAttemptAtMs > $now AND NextAttemptAtMs - UpdatedAtMs = $lease";
        command.Parameters.Add(new SqliteParameter("$now", RowMapping.ToMs(now)));
        command.Parameters.Add(new SqliteParameter("$lease", (long)lease.TotalMilliseconds));
        return command.ExecuteNonQuery();
    }
}
