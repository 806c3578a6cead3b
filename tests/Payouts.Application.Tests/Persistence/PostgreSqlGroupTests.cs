using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Ledger;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;
using static Payouts.Application.Tests.Infrastructure.PostgreSqlLocks;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// Several units in one PostgreSQL transaction (Database:PostgreSqlUnitsPerCommit): one writer, held on a balance
/// row while the next units queue, so that its next transaction takes them together, as under load.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class PostgreSqlGroupTests : IAsyncLifetime
{
    private readonly ProviderDatabase _database = new(DatabaseOptions.PostgreSql);
    private UseCaseHarness _app = null!;

    public async Task InitializeAsync()
    {
        _app = new UseCaseHarness(database: _database, configure: services => services.Configure<DatabaseOptions>(options =>
        {
            options.PostgreSqlWriters = 1;
            options.PostgreSqlUnitsPerCommit = 16;
        }));
        await _app.FundAndLinkAsync("alice", 1_000);
        await _app.FundAndLinkAsync("bob", 1_000);
    }

    [Fact]
    public async Task Units_refused_inside_a_group_are_undone_alone_and_the_others_commit()
    {
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await using var holdBob = await LockBalanceAsync(connection, "bob");
        var bob = _app.SendAsync(Cashout("bob", 100, key: "b-1"));
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 1);

        // Each writes its payout before its reservation finds the balance short: a refused one must be undone alone.
        var alice = Enumerable.Range(0, 15).Select(i => _app.SendAsync(Cashout("alice", 300, key: $"a-{i}"))).ToList();
        await Task.Delay(300); // lets them reach the writer's queue behind bob's unit
        await holdBob.CommitAsync();

        (await bob.WaitAsync(TimeSpan.FromSeconds(30))).IsSuccess.Should().BeTrue();
        var results = await Task.WhenAll(alice).WaitAsync(TimeSpan.FromSeconds(30));
        results.Count(r => r.IsSuccess).Should().Be(3);
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Error.Message == "Insufficient balance");
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(100, 900, "USD"));
        _app.Stored.Payouts().Should().HaveCount(4, "alice's three and bob's one; no refused unit left its payout");
        _app.Stored.Outbox().Should().HaveCount(4);
        _app.Stored.LedgerEntries("alice").Where(e => e.Kind == EntryKind.Reserve).Sum(e => e.Amount).Should().Be(900);
        for (var i = 0; i < 15; i++)
        {
            var record = await _app.IdempotencyRecordAsync("alice", $"a-{i}");
            record.Should().NotBeNull("every outcome, a refusal too, is recorded with its unit");
            (record!.Error is null).Should().Be(results[i].IsSuccess);
        }
    }

    [Fact]
    public async Task Owners_whose_writes_wait_for_the_groups_end_keep_every_cent_when_some_of_their_units_are_refused()
    {
        await _app.FundAndLinkAsync("carol", 1_000);
        await _app.FundAndLinkAsync("dave", 1_000);
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await using var holdBob = await LockBalanceAsync(connection, "bob");
        var bob = _app.SendAsync(Cashout("bob", 100, key: "b-1"));
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 1);

        // Four owners' units in one group: three of alice's, carol's and dave's four fit, and bob's three after his first.
        var owners = new[] { "alice", "carol", "dave", "bob" };
        var sent = Enumerable.Range(0, 15).Select(i => (Owner: owners[i % 4], Key: $"m-{i}")).ToList();
        var calls = sent.Select(s => _app.SendAsync(Cashout(s.Owner, 300, key: s.Key))).ToList();
        await Task.Delay(300); // lets them reach the writer's queue behind bob's unit
        await holdBob.CommitAsync();

        (await bob.WaitAsync(TimeSpan.FromSeconds(30))).IsSuccess.Should().BeTrue();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var (owner, reserved) in new[] { ("alice", 900L), ("carol", 900L), ("dave", 900L), ("bob", 1_000L) })
        {
            var outcomes = sent.Select((s, i) => (s.Owner, Result: results[i])).Where(o => o.Owner == owner).Select(o => o.Result).ToList();
            outcomes.Count(r => r.IsSuccess).Should().Be(3, $"{owner} can afford three of {outcomes.Count}");
            (await _app.AskAsync(new GetBalanceQuery(owner, "USD"))).Value.Should().Be(new BalanceView(1_000 - reserved, reserved, "USD"), owner);
            _app.Stored.LedgerEntries(owner).Where(e => e.Kind == EntryKind.Reserve).Sum(e => e.Amount).Should().Be(reserved, owner);
        }

        _app.Stored.Payouts().Should().HaveCount(13, "three for each owner and bob's first; no refused unit left its payout");
        _app.Stored.Outbox().Should().HaveCount(13);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
