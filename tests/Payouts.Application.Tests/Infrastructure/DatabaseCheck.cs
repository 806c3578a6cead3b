using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>The service's database health check, composed as the host composes it, over a given database and writer.</summary>
internal static class DatabaseCheck
{
    public static Task<HealthReport> RunAsync(OpenConnection open, WriterStatus writer) => new ServiceCollection()
        .AddSingleton<TimeProvider>(new FakeClock(DateTimeOffset.UnixEpoch)).AddLogging()
        .AddSingleton(open)
        .AddSingleton(writer)
        .AddHealthChecks().AddDatabaseCheck().Services.BuildServiceProvider()
        .GetRequiredService<HealthCheckService>().CheckHealthAsync();
}
