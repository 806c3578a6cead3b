using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Ledger;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_group_of_different_owners_sends_each_kind_of_write_as_one_statement_for_all_its_rows(bool idempotencyKeys)
    {
        await using var database = new ProviderDatabase(DatabaseOptions.PostgreSql);
        await using var app = new UseCaseHarness(database: database, configure: services => services.Configure<DatabaseOptions>(options =>
        {
            options.PostgreSqlWriters = 1;
            options.PostgreSqlUnitsPerCommit = 8;
        }));
        var owners = new[] { "alice", "bob", "carol", "dave", "erin" };
        foreach (var owner in owners)
        {
            await app.FundAndLinkAsync(owner, 10_000);
        }

        await using var connection = new NpgsqlConnection(database.PostgreSqlConnectionString);
        await using var holdAlice = await PostgreSqlLocks.LockBalanceAsync(connection, "alice");
        var first = app.SendAsync(Cashout("alice", 100));
        await PostgreSqlLocks.LockWaitersAsync(database.PostgreSqlConnectionString, 1);
        using var batches = new WriterBatches(new NpgsqlConnectionStringBuilder(database.PostgreSqlConnectionString).Database!);
        var group = owners.Skip(1).Select(owner => app.SendAsync(Cashout(owner, 2_500, key: idempotencyKeys ? $"key-{owner}" : null))).ToList();
        if (idempotencyKeys)
        {
            await PostgreSqlLocks.ClaimsAsync(database.PostgreSqlConnectionString, group.Count);
        }

        await Task.Delay(300); // lets them reach the writer's queue behind alice's unit
        await holdAlice.CommitAsync();

        (await first).IsSuccess.Should().BeTrue();
        (await Task.WhenAll(group)).Should().OnlyContain(result => result.IsSuccess);
        var sent = string.Join(" | ", batches.Sent);
        var groupsWrites = batches.Sent.Last();
        groupsWrites.Should().Contain("INSERT INTO \"Payouts\"").And.Contain("$52", "the four payouts' 13 columns each, in one statement; sent: " + sent);
        batches.Sent.Where(text => text.Contains("INSERT INTO \"Payouts\"")).Should().HaveCount(2,
            "alice's group wrote her payout, and this group's four waited for its end; sent: " + sent);
        groupsWrites.Should().Contain("UPDATE \"BalanceAccounts\" SET").And.Contain("FROM (VALUES", "the four balances in one statement");
        if (idempotencyKeys)
        {
            batches.Sent.Where(text => text.Contains("INSERT INTO \"IdempotencyRecords\"")).Should().ContainSingle(
                "the four records wait for the group's end too, not a round trip each; sent: " + sent)
                .Which.Should().Be(groupsWrites).And.Contain("($19, $20, $21, $22, $23, $24) ON CONFLICT", "the four records' 6 columns each, in one statement");
        }

        foreach (var owner in owners.Skip(1))
        {
            (await app.AskAsync(new GetBalanceQuery(owner, "USD"))).Value.Should().Be(new BalanceView(7_500, 2_500, "USD"), owner);
        }

        app.Stored.LedgerEntries("erin").Should().ContainSingle(entry => entry.Kind == EntryKind.Reserve && entry.Amount == 2_500);
        app.Stored.Outbox().Should().HaveCount(5);
    }

    [Fact]
    public async Task A_keyed_cashout_costs_one_statement_outside_its_group_and_its_replay_three()
    {
        await using var database = new ProviderDatabase(DatabaseOptions.PostgreSql);
        await using var app = new UseCaseHarness(database: database);
        await app.FundAndLinkAsync("alice", 10_000);
        using var requests = new WriterBatches(new NpgsqlConnectionStringBuilder(database.PostgreSqlConnectionString).Database!, writers: false);

        var first = await app.SendAsync(Cashout("alice", 2_500, key: "k-1"));
        var firstSent = requests.Sent.ToList();
        var replay = await app.SendAsync(Cashout("alice", 2_500, key: "k-1"));
        var replaySent = requests.Sent.Skip(firstSent.Count).ToList();

        first.IsSuccess.Should().BeTrue();
        firstSent.Should().ContainSingle(
            "the claim alone: it inserted the key's row, so there is no outcome to look up, and the unit committed the " +
            $"outcome, so there is no claim to release; sent: {string.Join(" | ", firstSent)}")
            .Which.Should().Contain("INSERT INTO \"IdempotencyRecords\"");
        replay.Value.CashoutId.Should().Be(first.Value.CashoutId);
        replaySent.Should().HaveCount(3, $"the claim that found an outcome, the question whether it is one, the lookup; sent: {string.Join(" | ", replaySent)}");
        replaySent.Should().NotContain(text => text.Contains("DELETE"), "the claim found an outcome and took nothing");
    }

    [Fact]
    public async Task Keys_claimed_while_a_batch_of_claims_is_out_go_together_as_the_next_one()
    {
        await using var database = new ProviderDatabase(DatabaseOptions.PostgreSql);
        await using var app = new UseCaseHarness(database: database);
        var claims = app.Service<IIdempotencyClaims>();
        await using var connection = new NpgsqlConnection(database.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var blocker = await connection.BeginTransactionAsync();
        await using (var row = new NpgsqlCommand(
            """INSERT INTO "IdempotencyRecords" ("CallerId", "Key", "RequestJson", "CreatedAtMs") VALUES ('alice', 'k-0', '', 0)""", connection, blocker))
        {
            await row.ExecuteNonQueryAsync();
        }

        using var requests = new WriterBatches(new NpgsqlConnectionStringBuilder(database.PostgreSqlConnectionString).Database!, writers: false);
        var first = claims.TryBeginAsync("alice", "k-0", CancellationToken.None).AsTask();
        await PostgreSqlLocks.LockWaitersAsync(database.PostgreSqlConnectionString, 1); // its batch waits for the uncommitted row
        var queued = Enumerable.Range(1, 40).Select(i => claims.TryBeginAsync("alice", $"k-{i}", CancellationToken.None).AsTask()).ToList();
        await blocker.RollbackAsync();

        (await first).Should().Be(KeyClaim.ClaimedUnrecorded);
        (await Task.WhenAll(queued)).Should().OnlyContain(claim => claim == KeyClaim.ClaimedUnrecorded);
        requests.Sent.Where(text => text.Contains("INSERT INTO \"IdempotencyRecords\"")).Should().HaveCount(2,
            $"k-0's batch, then one for the 40 keys queued while it waited; sent: {string.Join(" | ", requests.Sent)}");
        (await claims.TryBeginAsync("alice", "k-7", CancellationToken.None)).Should().Be(KeyClaim.InFlight, "its claim stands");
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
        private readonly bool _writers;

        /// <param name="writers">False: instead, the statements sent from outside the writers (idempotency claims and lookups).</param>
        public WriterBatches(string database, bool writers = true)
        {
            _database = database;
            _writers = writers;
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
            // No text: a physical connection opened.
            var writer = Thread.CurrentThread.Name?.StartsWith("postgres-writer", StringComparison.Ordinal) == true;
            if (activity.GetTagItem("db.namespace") as string == _database && writer == _writers && text is not ("SELECT 1" or ""))
            {
                _sent.Enqueue(text);
            }
        }
    }
}
