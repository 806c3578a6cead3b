using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// Each round trip to PostgreSQL costs the writer and its backend a wake-up, which on a loaded machine is a good part
/// of a cashout's CPU (docs/BENCHMARKS.md). Counted with Npgsql's own tracing: one activity per command or batch sent
/// (the COMMIT, Npgsql's own, has none).
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class RoundTripTests
{
    [Fact]
    public async Task A_cashout_alone_in_its_transaction_costs_two_batches_and_the_commit()
    {
        await using var database = new ProviderDatabase(DatabaseOptions.PostgreSql);
        await using var app = new UseCaseHarness(database: database);
        await app.FundAndLinkAsync("alice", 10_000);
        using var batches = new WriterBatches(new NpgsqlConnectionStringBuilder(database.PostgreSqlConnectionString).Database!);

        var result = await app.SendAsync(Cashout("alice", 2_500));

        result.IsSuccess.Should().BeTrue();
        batches.Sent.Should().HaveCount(2,
            "the cashout method and the balance are read in one batch with the group's start, and the four writes go in a second; " +
            $"sent: {string.Join(" | ", batches.Sent)}");
        batches.Sent.First().Should().Contain("\"CashoutMethods\"").And.Contain("\"BalanceAccounts\"");
    }

    /// <summary>
    /// The batches the PostgreSQL writers send to one database, but for the check that an idle connection
    /// still works. The listener hears every test's Npgsql, so the database name keeps the other test classes' out.
    /// </summary>
    private sealed class WriterBatches : IDisposable
    {
        private readonly ConcurrentQueue<string> _sent = new();
        private readonly ActivityListener _listener;
        private readonly string _database;

        public WriterBatches(string database)
        {
            _database = database;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Stopped,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyCollection<string> Sent => _sent;

        public void Dispose() => _listener.Dispose();

        // Stopped, not started: the statements' text is tagged by then. On the writer's thread: its reads are synchronous.
        private void Stopped(Activity activity)
        {
            var text = activity.GetTagItem("db.query.text") as string ?? "";
            if (activity.GetTagItem("db.namespace") as string == _database
                && Thread.CurrentThread.Name?.StartsWith("postgres-writer", StringComparison.Ordinal) == true && text != "SELECT 1")
            {
                _sent.Enqueue(text);
            }
        }
    }
}
