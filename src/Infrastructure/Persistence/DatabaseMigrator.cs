using Microsoft.EntityFrameworkCore;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the latest migration. Called once, deliberately, at start-up (never
/// EnsureCreated): the same migrations that built a development file upgrade production.
/// </summary>
public static class DatabaseMigrator
{
    public static void MigrateDatabase(this IServiceProvider services)
    {
        services.GetRequiredService<SqliteConnections>().EnableWriteAheadLog();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>();
        db.Database.Migrate();
        var lastPayoutId = db.Payouts.Max(p => (long?)p.Id) ?? 0;
        services.GetRequiredService<TimeOrderedIds>().StartAfter(lastPayoutId);
    }
}
