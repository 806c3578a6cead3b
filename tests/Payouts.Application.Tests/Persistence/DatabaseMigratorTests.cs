using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Persistence;

/// <summary>The start-up migration: what EF Core 9+ changed about Migrate(), and what the service does about it.</summary>
public sealed class DatabaseMigratorTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_model_is_the_one_the_migrations_build()
    {
        // Start-up skips Migrate() when nothing is pending, so this is where a model change without its migration is caught.
        var pending = await _app.InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<PayoutsDbContext>().Database.HasPendingModelChanges()));

        pending.Should().BeFalse("a change to the model needs a migration: dotnet dotnet-ef migrations add <Name>");
    }

    [Fact]
    public async Task The_compiled_model_is_the_one_the_entity_configurations_build()
    {
        // The service runs on the compiled model (Persistence/CompiledModel) for its start-up time; the configurations
        // are what people edit. A configuration changed without regenerating the compiled model would silently not apply.
        var (configured, compiled) = await _app.InScopeAsync(services =>
        {
            var context = services.GetRequiredService<PayoutsDbContext>();
            return Task.FromResult((
                Schema(context.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetRelationalModel()),
                Schema(context.Model.GetRelationalModel())));
        });

        compiled.Should().Equal(configured, "regenerate it: dotnet dotnet-ef dbcontext optimize --project src/Infrastructure " +
            "--output-dir Persistence/CompiledModel --namespace Payouts.Infrastructure.Persistence.CompiledModel");
    }

    /// <summary>What a model says about the tables: every column's type and nullability, keys, indexes (with filters) and foreign keys.</summary>
    private static List<string> Schema(Microsoft.EntityFrameworkCore.Metadata.IRelationalModel model) =>
    [
        .. model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(table => new[] { $"table {table.Name}" }
            .Concat(table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"  column {c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")}"))
            .Concat(table.UniqueConstraints.Select(k => $"  key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))})").Order(StringComparer.Ordinal))
            .Concat(table.Indexes.Select(i => $"  index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) {(i.IsUnique ? "unique" : "")} {i.Filter}").Order(StringComparer.Ordinal))
            .Concat(table.ForeignKeyConstraints.Select(f => $"  foreign key {f.Name} -> {f.PrincipalTable.Name}").Order(StringComparer.Ordinal))),
    ];

    [Fact]
    public async Task A_new_file_gets_every_migration()
    {
        var applied = await _app.InScopeAsync(async services =>
        {
            var database = services.GetRequiredService<PayoutsDbContext>().Database;
            return (Applied: (await database.GetAppliedMigrationsAsync()).ToList(), All: database.GetMigrations().ToList());
        });

        applied.All.Should().NotBeEmpty();
        applied.Applied.Should().Equal(applied.All);
    }

    /// <summary>
    /// SQLite only: EF's lock row is SQLite's migration lock; on PostgreSQL the migrator takes pg_advisory_lock, which
    /// the server releases with a killed process's session (ProviderPersistenceTests migrate several at once there).
    /// </summary>
    [Fact]
    [Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
    public async Task A_start_up_does_not_wait_for_a_migration_lock_left_by_a_killed_process()
    {
        await using var app = new UseCaseHarness(provider: DatabaseOptions.Sqlite);
        (await app.SendAsync(Commands.Credit("alice", 5_000))).IsSuccess.Should().BeTrue();

        // What a process killed inside Migrate() leaves behind: EF's lock row, which only its holder deletes.
        using (var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-21 11:59:00+00:00')";
            command.ExecuteNonQuery();
        }

        // On its own thread: a start-up that waits for the lock never returns, so it must not block the test itself.
        var restart = Task.Run(app.RestartAsync);
        var finished = await Task.WhenAny(restart, Task.Delay(TimeSpan.FromSeconds(30)));

        (finished == restart).Should().BeTrue("nothing is pending, so start-up must not take (and wait 30 s and more for) the migration lock");
        await restart;
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(5_000, 0, "USD"));
    }
}
