using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Payouts.Application.Common;
using Payouts.Application.Payouts.Events;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// SQLite's writer stops for good on an error it cannot go past. The service must then leave the rotation (health
/// NOT_SERVING) rather than report SERVING while it refuses every write until someone restarts it.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class WriterStopTests
{
    [Fact]
    public async Task A_writer_that_stopped_refuses_writes_and_makes_the_database_check_unhealthy()
    {
        await using var app = UseCaseHarness.OnNew(DatabaseOptions.Sqlite);
        var check = () => new ServiceCollection().AddSingleton<TimeProvider>(new FakeClock(DateTimeOffset.UnixEpoch)).AddLogging()
            .AddSingleton(app.Service<OpenConnection>())
            .AddSingleton(app.Service<WriterStatus>())
            .AddHealthChecks().AddDatabaseCheck().Services.BuildServiceProvider()
            .GetRequiredService<HealthCheckService>().CheckHealthAsync();
        (await check()).Status.Should().Be(HealthStatus.Healthy, "the database is migrated and its writer runs");

        // A writer whose connection cannot open (its folder does not exist), sharing the service's status.
        var folder = Path.Combine(Path.GetTempPath(), $"payouts-missing-{Guid.NewGuid():N}");
        var options = Options.Create(new DatabaseOptions { Path = Path.Combine(folder, "payouts.db") });
        var writer = new GroupCommitWriter(
            new SqliteConnections(options, new HostingEnvironment { ContentRootPath = Path.GetTempPath() }),
            app.Service<PayoutEventDispatcher>(), app.Service<TimeOrderedIds>(), app.Service<WriterStatus>(), options,
            NullLogger<GroupCommitWriter>.Instance);
        await writer.DisposeAsync(); // Returns once its thread has ended: at once, since its connection failed.

        var unit = new WorkItem<int>(_ => 1, idempotency: null, owner: "alice");
        writer.Enqueue(unit);
        (await unit.Task).Error.Should().Be(TransientErrors.StorageWriteFailed, "nothing can be written any more");

        var report = await check();
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries[DatabaseHealthCheck.Name].Description.Should().Be("The database writer stopped: no change can be saved until the service restarts.");
        Directory.Exists(folder).Should().BeFalse("the writer created nothing");
    }
}
