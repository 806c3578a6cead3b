using Npgsql;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;
using static Payouts.Application.Tests.Infrastructure.PostgreSqlLocks;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// Two compositions on one PostgreSQL database, as two replicas of the service are: each with its own writers,
/// claims and id source, sharing nothing but the database.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly ProviderDatabase _database = new(DatabaseOptions.PostgreSql);
    private UseCaseHarness _a = null!;
    private UseCaseHarness _b = null!;

    public async Task InitializeAsync()
    {
        _a = new UseCaseHarness(database: _database);
        _b = new UseCaseHarness(database: _database);
        await _a.FundAndLinkAsync("alice", 10_000);
    }

    [Fact]
    public async Task Cashouts_spread_over_two_replicas_spend_exactly_the_balance()
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 160)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await (i % 2 == 0 ? _a : _b).SendAsync(Cashout("alice", 100, key: $"race-{i}"));
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(racers).WaitAsync(TimeSpan.FromSeconds(60));

        results.Count(r => r.IsSuccess).Should().Be(100);
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Error.Message == "Insufficient balance");
        (await _b.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(0, 10_000, "USD"));
        _a.Stored.Payouts().Should().HaveCount(100);
        _a.Stored.LedgerEntries("alice").Where(e => e.Kind == EntryKind.Reserve).Sum(e => e.Amount).Should().Be(10_000);
        _a.Stored.Outbox().Should().HaveCount(100);
    }

    [Fact]
    public async Task A_key_sent_to_both_replicas_while_the_first_runs_pays_once_and_tells_the_second_to_retry()
    {
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await using var holdBalance = await LockBalanceAsync(connection, "alice");
        var first = _a.SendAsync(Cashout("alice", 1_000, key: "k-1"));
        await ClaimedAsync("alice", "k-1");

        var second = await _b.SendAsync(Cashout("alice", 1_000, key: "k-1"));
        await holdBalance.CommitAsync();

        second.Error.Should().Be(TransientErrors.KeyInFlight);
        second.Error.Message.Should().Be("A request with this idempotency key is still being processed. Retry later.");
        var paid = (await first.WaitAsync(TimeSpan.FromSeconds(30))).Value;
        (await _b.SendAsync(Cashout("alice", 1_000, key: "k-1"))).Value.CashoutId.Should().Be(paid.CashoutId, "the retry replays the first outcome");
        _a.Stored.Payouts().Should().ContainSingle();
    }

    [Fact]
    public async Task Keys_sent_to_both_replicas_at_once_each_pay_once()
    {
        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 40)
            .SelectMany(i => new[] { _a, _b }.Select(replica => Task.Run(async () =>
            {
                start.Wait();
                return await replica.SendAsync(Cashout("alice", 100, key: $"both-{i}"));
            })))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60));

        _a.Stored.Payouts().Should().HaveCount(40);
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Error == TransientErrors.KeyInFlight);
        results.Where(r => r.IsSuccess).Select(r => r.Value.CashoutId).Distinct().Should().HaveCount(40, "a second success is a replay of the first");
        (await _a.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(6_000, 4_000, "USD"));
    }

    [Fact]
    public async Task A_claim_left_by_a_replica_that_died_is_taken_over_once_it_is_old()
    {
        (await _a.Service<IIdempotencyClaims>().TryBeginAsync("alice", "k-orphan", CancellationToken.None)).Should().Be(KeyClaim.ClaimedUnrecorded);

        var meanwhile = await _b.SendAsync(Cashout("alice", 1_000, key: "k-orphan"));
        _b.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await _b.SendAsync(Cashout("alice", 1_000, key: "k-orphan"));

        meanwhile.Error.Should().Be(TransientErrors.KeyInFlight);
        later.IsSuccess.Should().BeTrue();
        _a.Stored.Payouts().Should().ContainSingle();
    }

    [Fact]
    public async Task Payout_ids_are_unique_across_replicas_and_every_cashout_is_listed_once()
    {
        var drawn = await Task.WhenAll(new[] { _a, _b }.Select(replica => Task.Run(async () =>
        {
            var ids = new List<long>();
            var unitOfWork = replica.Service<IUnitOfWork>();
            for (var i = 0; i < 300; i++)
            {
                ids.Add((await unitOfWork.ExecuteAsync(session => Result<long>.Success(session.Payouts.NextId().Value), CancellationToken.None)).Value);
            }

            return ids;
        })));
        drawn.Should().AllSatisfy(ids => ids.Should().BeInAscendingOrder());
        drawn.SelectMany(ids => ids).Should().OnlyHaveUniqueItems();

        var made = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? _a : _b).SendAsync(Cashout("alice", 100))));
        var listed = new List<long>();
        var token = "";
        do
        {
            var page = (await _b.AskAsync(new ListCashoutsQuery("alice", 7, token))).Value;
            listed.AddRange(page.Cashouts.Select(c => c.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        listed.Should().Equal(made.Select(r => r.Value.CashoutId).OrderDescending());
    }

    [Fact]
    public async Task A_first_credit_on_each_replica_at_once_opens_one_account_and_applies_both()
    {
        // Replica A's credit opens bob's account and then waits (for a table lock held here) before it commits;
        // B's credit, finding no account either, tries to open it too and waits for A's uncommitted row.
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await using var holdEntries = await LockTableAsync(connection, "LedgerEntries");
        var first = _a.SendAsync(Credit("bob", 3_000, reference: "bob-a"));
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 1);
        var second = _b.SendAsync(Credit("bob", 2_000, reference: "bob-b"));
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 2);
        await holdEntries.RollbackAsync();

        (await first.WaitAsync(TimeSpan.FromSeconds(30))).IsSuccess.Should().BeTrue();
        var credited = await second.WaitAsync(TimeSpan.FromSeconds(30));
        credited.IsSuccess.Should().BeTrue("the account A opened meanwhile is the one B credits, not a storage failure");
        credited.Value.Available.Should().Be(5_000);
        (await _b.AskAsync(new GetBalanceQuery("bob", "USD"))).Value.Should().Be(new BalanceView(5_000, 0, "USD"));
        _a.Stored.Balances().Keys.Where(k => k.Owner == "bob").Should().ContainSingle();
    }

    [Fact]
    public async Task One_externalId_sent_to_both_replicas_at_once_makes_one_payout_and_the_second_is_its_replay()
    {
        var merchant = MerchantAccounts.OwnerOf(Merchant);
        (await _a.SendAsync(Credit(merchant, 10_000, currency: "EUR"))).IsSuccess.Should().BeTrue();
        var request = Payout() with { ExternalId = "order-1456" };

        // Replica A's create claims the externalId and waits for the merchant's balance, held here; B's create finds
        // no payout with the externalId yet and waits for A's uncommitted one.
        var (first, second) = await SendToBothWhileBalanceHeldAsync(merchant, request);

        var created = (await first.WaitAsync(TimeSpan.FromSeconds(30))).Value;
        var replayed = await second.WaitAsync(TimeSpan.FromSeconds(30));
        replayed.IsSuccess.Should().BeTrue("the same request with a used externalId is a replay (seed 001), not a storage failure");
        replayed.Value.Should().BeEquivalentTo(created with { Replayed = true });
        _a.Stored.Payouts().Should().ContainSingle();
        (await _a.AskAsync(new GetBalanceQuery(merchant, "EUR"))).Value.Should().Be(new BalanceView(9_000, 1_000, "EUR"));
    }

    [Fact]
    public async Task The_same_keyless_request_sent_to_both_replicas_at_once_makes_one_payout_and_the_second_is_its_replay()
    {
        var merchant = MerchantAccounts.OwnerOf(Merchant);
        (await _a.SendAsync(Credit(merchant, 10_000, currency: "EUR"))).IsSuccess.Should().BeTrue();
        var request = Payout();

        // Both creates wait for the merchant's balance, held here, before either has committed its payout: the second
        // must then see the first's and replay it, as it would had it come a moment later (no key, no externalId).
        var (first, second) = await SendToBothWhileBalanceHeldAsync(merchant, request);

        var outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        outcomes.Should().OnlyContain(o => o.IsSuccess);
        outcomes.Count(o => o.Value.Replayed).Should().Be(1, "one request created the payout and the other replayed it");
        outcomes.Single(o => o.Value.Replayed).Value.Should().BeEquivalentTo(outcomes.Single(o => !o.Value.Replayed).Value with { Replayed = true });
        _a.Stored.Payouts().Should().ContainSingle();
        (await _a.AskAsync(new GetBalanceQuery(merchant, "EUR"))).Value.Should().Be(new BalanceView(9_000, 1_000, "EUR"));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// Sends <paramref name="request"/> to replica A, then to B once A's unit waits for the owner's balance (held here),
    /// and lets both go once B's waits too: each is inside its unit before either commits.
    /// </summary>
    private async Task<(Task<Result<PayoutView>> First, Task<Result<PayoutView>> Second)> SendToBothWhileBalanceHeldAsync(
        string ownerId, CreatePayoutCommand request)
    {
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await using var holdBalance = await LockBalanceAsync(connection, ownerId);
        var first = _a.SendAsync(request);
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 1);
        var second = _b.SendAsync(request);
        await LockWaitersAsync(_database.PostgreSqlConnectionString, 2);
        await holdBalance.CommitAsync();
        return (first, second);
    }

    /// <summary>Holds a lock that makes every insert into <paramref name="table"/> wait, until rolled back.</summary>
    private static async Task<NpgsqlTransaction> LockTableAsync(NpgsqlConnection connection, string table)
    {
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""LOCK TABLE "{table}" IN SHARE MODE""", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    /// <summary>Waits until the key's claim is in the database.</summary>
    private async Task ClaimedAsync(string callerId, string key)
    {
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT COUNT(*) FROM "IdempotencyRecords" WHERE "CallerId" = @caller AND "Key" = @key""", connection);
        command.Parameters.AddWithValue("caller", callerId);
        command.Parameters.AddWithValue("key", key);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the first request claims its key before it waits for the balance");
            await Task.Delay(10);
        }
    }
}
