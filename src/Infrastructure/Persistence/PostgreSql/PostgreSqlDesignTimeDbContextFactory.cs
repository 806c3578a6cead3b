using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; adding a migration never connects.</summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPayoutsDbContext>
{
    public PostgreSqlPayoutsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlPayoutsDbContext>();
        options.UseNpgsql("Host=127.0.0.1;Database=payouts_design_time");
        return new PostgreSqlPayoutsDbContext(options.Options);
    }
}
