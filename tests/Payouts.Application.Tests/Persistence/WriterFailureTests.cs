using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Payouts.Application.Common;
using Payouts.Application.Payouts.Events;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// SQLite's one writer meets an error it cannot go past (here: its connection cannot open). Nothing waiting on it may
/// hang, the service must leave the rotation (health NOT_SERVING) rather than report SERVING while it refuses every
/// write, and once a connection works again it must write again without a restart.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class WriterFailureTests
{
    private const string Down = "The database writer cannot write: changes are refused until it can.";

    [Fact]
    public async Task A_writer_that_cannot_write_refuses_units_and_makes_the_database_check_unhealthy_until_it_can()
    {
        await using var app = UseCaseHarness.OnNew(DatabaseOptions.Sqlite);
        (await CheckAsync(app)).Status.Should().Be(HealthStatus.Healthy, "the database is migrated and its writer runs");

        // A writer whose database folder does not exist yet, sharing the service's status. (On a database that is not
        // migrated it would stay down as well: it prepares its statements as it starts.)
        var folder = Path.Combine(Path.GetTempPath(), $"payouts-later-{Guid.NewGuid():N}");
        var writer = WriterOn(app, Path.Combine(folder, "payouts.db"));
        await Poll.UntilAsync(() => app.Service<WriterStatus>().DownBecause is not null);
        app.Service<WriterStatus>().DownBecause.Should().NotBeNull();

        var refused = Unit();
        writer.Enqueue(refused);
        (await refused.Task.WaitAsync(TimeSpan.FromSeconds(10))).Error.Should().Be(TransientErrors.StorageWriteFailed, "nothing can be written");
        var report = await CheckAsync(app);
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries[DatabaseHealthCheck.Name].Description.Should().Be(Down);

        try
        {
            // The folder appears with a migrated database in it at once (a copy of the service's, moved into place).
            var staging = folder + "-staging";
            Directory.CreateDirectory(staging);
            using (var connection = app.Service<OpenConnection>()())
            using (var copy = connection.CreateCommand())
            {
                copy.CommandText = $"VACUUM INTO '{Path.Combine(staging, "payouts.db")}'";
                copy.ExecuteNonQuery();
            }

            Directory.Move(staging, folder);
            await Poll.UntilAsync(() => app.Service<WriterStatus>().DownBecause is null);
            app.Service<WriterStatus>().DownBecause.Should().BeNull("a new connection was tried, and it works");

            var written = Unit();
            writer.Enqueue(written);
            (await written.Task.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess.Should().BeTrue("the writer writes again");
            (await CheckAsync(app)).Status.Should().Be(HealthStatus.Healthy);
        }
        finally
        {
            await writer.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_writer_disposed_while_it_cannot_write_ends_and_refuses_what_comes_after()
    {
        await using var app = UseCaseHarness.OnNew(DatabaseOptions.Sqlite);
        var writer = WriterOn(app, Path.Combine(Path.GetTempPath(), $"payouts-never-{Guid.NewGuid():N}", "payouts.db"));
        await Poll.UntilAsync(() => app.Service<WriterStatus>().DownBecause is not null);
        app.Service<WriterStatus>().DownBecause.Should().NotBeNull();

        await writer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var late = Unit();
        writer.Enqueue(late);
        (await late.Task).Error.Should().Be(TransientErrors.StorageWriteFailed);
    }

    [Fact]
    public async Task A_database_file_that_is_gone_is_not_created_again_empty_by_the_writer_or_the_health_check()
    {
        await using var app = UseCaseHarness.OnNew(DatabaseOptions.Sqlite);
        var folder = Directory.CreateTempSubdirectory("payouts-gone-").FullName;
        var path = Path.Combine(folder, "payouts.db");
        try
        {
            await using var writer = WriterOn(app, path);
            await Poll.UntilAsync(() => app.Service<WriterStatus>().DownBecause is not null);
            var refused = Unit();
            writer.Enqueue(refused);
            (await refused.Task.WaitAsync(TimeSpan.FromSeconds(10))).Error.Should().Be(TransientErrors.StorageWriteFailed);

            var report = await DatabaseCheck.RunAsync(ConnectionsTo(Options.Create(new DatabaseOptions { Path = path })).Open, new WriterStatus());
            report.Status.Should().Be(HealthStatus.Unhealthy);
            report.Entries[DatabaseHealthCheck.Name].Description.Should().Be("The database cannot be read.");

            File.Exists(path).Should().BeFalse("an empty database in its place would hide that the file is gone");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GroupCommitWriter WriterOn(UseCaseHarness app, string path)
    {
        var options = Options.Create(new DatabaseOptions { Path = path });
        return new GroupCommitWriter(
            ConnectionsTo(options), app.Service<PayoutEventDispatcher>(), app.Service<TimeOrderedIds>(), app.Service<WriterStatus>(), options,
            NullLogger<GroupCommitWriter>.Instance);
    }

    private static SqliteConnections ConnectionsTo(IOptions<DatabaseOptions> options) =>
        new(options, new HostingEnvironment { ContentRootPath = Path.GetTempPath() });

    // A unit that writes nothing itself: what is tested is whether the writer runs and commits it.
    private static WorkItem<int> Unit() => new(_ => 1, idempotency: null, owner: "alice");

    private static Task<HealthReport> CheckAsync(UseCaseHarness app) => DatabaseCheck.RunAsync(app.Service<OpenConnection>(), app.Service<WriterStatus>());
}
