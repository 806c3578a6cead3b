using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Payouts.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PayoutsDbContext>
{
    public PayoutsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PayoutsDbContext>();
        options.UseSqlite("Data Source=design-time.db");
        return new PayoutsDbContext(options.Options);
    }
}
