using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Merchants;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Tests.Webhooks;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// The background workers besides the dispatcher (ReplicaDispatchTests) with two replicas on one database: on
/// PostgreSQL two compositions, on SQLite, whose one process owns the file, two passes of one composition. Each item
/// is done by one replica at a time, and one a dead replica held is done by another when its lease ends.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class ReplicaWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan WebhookLease = TimeSpan.FromMinutes(1);
    private readonly WebhookReceiver _merchant = new();
    private ProviderDatabase? _database;
    private UseCaseHarness _a = null!;
    private UseCaseHarness _b = null!;

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task Two_senders_deliver_each_due_webhook_once(string provider)
    {
        await StartAsync(provider);
        var ids = new List<long>();
        for (var payout = 1; payout <= 20; payout++)
        {
            ids.Add(await QueueWebhookAsync(payout));
        }

        await Task.WhenAll(Task.Run(() => Sender(_a).PumpOnceAsync(CancellationToken.None)), Task.Run(() => Sender(_b).PumpOnceAsync(CancellationToken.None)));

        _merchant.Received.Select(r => r.Header(StandardWebhooks.IdHeader)).Should().BeEquivalentTo(ids.Select(StandardWebhooks.MessageId), "each is sent once");
        _a.Stored.WebhookDeliveries().Should().OnlyContain(d => d.Status == WebhookDeliveryStatus.Delivered && d.Attempts == 1);
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_webhook_whose_sender_died_mid_attempt_is_sent_again_only_after_the_lease(string provider)
    {
        await StartAsync(provider);
        var id = await QueueWebhookAsync(payout: 1);
        _merchant.Respond = async (_, aborted) =>
        {
            if (_merchant.Received.Count == 1)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            return Results.Ok();
        };

        // A dies while the merchant has its request: nothing of the attempt is recorded.
        using (var death = new CancellationTokenSource())
        {
            var dying = Sender(_a).PumpOnceAsync(death.Token);
            await _merchant.WaitForAsync(1);
            await death.CancelAsync();
            await FluentActions.Awaiting(() => dying).Should().ThrowAsync<OperationCanceledException>();
        }

        (await Sender(_b).PumpOnceAsync(CancellationToken.None)).Should().Be(0, "A's claim holds it");
        _b.Clock.Advance(WebhookLease - TimeSpan.FromSeconds(1));
        (await Sender(_b).PumpOnceAsync(CancellationToken.None)).Should().Be(0, "the lease has not run out");
        _b.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Sender(_b).PumpOnceAsync(CancellationToken.None)).Should().Be(1);

        _merchant.Received.Should().HaveCount(2).And.OnlyContain(r => r.Header(StandardWebhooks.IdHeader) == StandardWebhooks.MessageId(id));
        _a.Stored.WebhookDelivery(id).Status.Should().Be(WebhookDeliveryStatus.Delivered);
        _a.Stored.WebhookAttempts(id).Should().ContainSingle().Which.StatusCode.Should().Be(200);
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task An_attempt_that_outlived_its_lease_does_not_undo_the_delivery_that_took_over(string provider)
    {
        await StartAsync(provider);
        var id = await QueueWebhookAsync(payout: 1);
        var firstAnswer = new TaskCompletionSource<IResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _merchant.Respond = (_, _) => _merchant.Received.Count == 1 ? firstAnswer.Task : Task.FromResult(Results.Ok());
        var slow = Task.Run(() => Sender(_a).PumpOnceAsync(CancellationToken.None));
        await _merchant.WaitForAsync(1);

        _b.Clock.Advance(WebhookLease + TimeSpan.FromSeconds(1));
        (await Sender(_b).PumpOnceAsync(CancellationToken.None)).Should().Be(1);
        firstAnswer.SetResult(Results.StatusCode(500));
        await slow.WaitAsync(TimeSpan.FromSeconds(30));

        var delivery = _a.Stored.WebhookDelivery(id);
        delivery.Status.Should().Be(WebhookDeliveryStatus.Delivered, "the late 500 is not a reason to send it a third time");
        delivery.NextAttemptAt.Should().BeNull();
        _a.Stored.WebhookAttempts(id).Select(a => a.StatusCode).Should().BeEquivalentTo(new int?[] { 200, 500 }, "every attempt is on record");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task Forms_expiring_on_two_replicas_at_once_cancel_each_payout_once(string provider)
    {
        await StartAsync(provider);
        var owner = MerchantAccounts.OwnerOf(Commands.Merchant);
        (await _a.SendAsync(Commands.Credit(owner, 100_000, currency: "PEN"))).IsSuccess.Should().BeTrue();
        for (var i = 0; i < 10; i++)
        {
            (await _a.SendAsync(Commands.Payout($"10.{i:00}", "PEN"))).IsSuccess.Should().BeTrue(); // different, so none is taken for a repeat
        }

        var pastExpiry = TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);
        _a.Clock.Advance(pastExpiry);
        if (!ReferenceEquals(_a, _b))
        {
            _b.Clock.Advance(pastExpiry);
        }

        await Task.WhenAll(Task.Run(_a.PumpDispatchAsync), Task.Run(_b.PumpDispatchAsync));

        _a.Stored.Payouts().Should().HaveCount(10).And.OnlyContain(p => p.Status == PayoutStatus.Cancelled);
        _a.Stored.Balances()[(owner, "PEN")].Should().Be((100_000L, 0L));
        _a.Stored.WebhookDeliveries().Where(d => d.EventType == WebhookEvents.Cancelled).Should().HaveCount(10, "one final event each");
    }

    [Fact]
    public async Task Sweeps_on_two_replicas_take_different_rows_instead_of_waiting_for_each_other()
    {
        await StartAsync(DatabaseOptions.PostgreSql);
        await using var other = new NpgsqlConnection(_database!.PostgreSqlConnectionString);
        await other.OpenAsync();
        var old = _a.Clock.GetUtcNow().AddDays(-31).ToUnixTimeMilliseconds();
        await ExecuteAsync(other, $$"""
            INSERT INTO "IdempotencyRecords" ("CallerId", "Key", "RequestJson", "ResponseJson", "CreatedAtMs")
            SELECT 'alice', 'key-' || n, '{}', '{}', {{old}} FROM generate_series(1, 1200) AS n
            """);

        // Another replica's sweep in the middle of its transaction: it holds 500 of the old rows.
        await using var sweeping = await other.BeginTransactionAsync();
        await ExecuteAsync(other, """SELECT 1 FROM "IdempotencyRecords" ORDER BY "Key" LIMIT 500 FOR UPDATE""");

        var swept = await Task.Run(_a.SweepIdempotencyKeys).WaitAsync(TimeSpan.FromSeconds(20));
        await sweeping.RollbackAsync();

        swept.Should().Be(700, "the rows the other sweep holds are skipped, not waited for");
        _b.SweepIdempotencyKeys().Should().Be(500, "what the other sweep left is swept next time");
    }

    private async Task StartAsync(string provider)
    {
        await _merchant.StartAsync();
        _database = new ProviderDatabase(provider);
        var settings = new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" };
        var webhooks = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var keys = new FakeSigningKeys(new Dictionary<string, string[]> { [Commands.Merchant] = ["tk_test_1"] });
        void Configure(IServiceCollection services) => services.AddWebhooks(webhooks).AddSingleton<IMerchantSigningKeys>(keys);
        _a = new UseCaseHarness(configure: Configure, database: _database);
        _b = provider == DatabaseOptions.PostgreSql ? new UseCaseHarness(configure: Configure, database: _database) : _a;
    }

    private static WebhookSender Sender(UseCaseHarness replica) => replica.Service<WebhookSender>();

    private async Task<long> QueueWebhookAsync(long payout)
    {
        var queued = await _a.Service<IUnitOfWork>().ExecuteAsync(
            session => Result<WebhookDelivery>.Success(_a.Service<WebhookEvents>().Queue(
                session.Webhooks, Commands.Merchant, new PayoutId(payout), 1, WebhookEvents.Succeeded, _merchant.Url, new { status = "succeeded" })),
            CancellationToken.None);
        queued.IsSuccess.Should().BeTrue();
        return _a.Stored.WebhookDeliveries().Single(d => d.PayoutId == payout).Id;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _merchant.DisposeAsync();
        if (!ReferenceEquals(_a, _b))
        {
            await _b.DisposeAsync();
        }

        await _a.DisposeAsync();

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
