using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Persistence;

/// <summary>ADR-002's guarantees for a cashout, through the use case, on each database's write path.</summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class WritePathTests
{
    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_keyed_cashout_commits_its_reservation_payout_outbox_message_and_record_together(string provider)
    {
        await using var app = UseCaseHarness.OnNew(provider);
        await app.FundAndLinkAsync("alice", 10_000);

        var result = await app.SendAsync(Cashout("alice", 2_500, key: "k-1"));

        result.IsSuccess.Should().BeTrue();
        var id = result.Value.CashoutId;
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(7_500, 2_500, "USD"));
        app.Stored.Payout(id).Status.Should().Be(PayoutStatus.InitiationPending);
        app.Stored.LedgerEntries("alice").Should().ContainSingle(e => e.Kind == EntryKind.Reserve && e.Amount == 2_500);
        PayoutMessages.ReadCreated(app.Stored.Outbox().Should().ContainSingle().Subject.Payload).PayoutId.Should().Be(id);
        (await app.IdempotencyRecordAsync("alice", "k-1"))!.ResponseJson.Should().Contain(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await app.SendAsync(Cashout("alice", 2_500, key: "k-1"))).Value.CashoutId.Should().Be(id, "a retry replays the record");
        app.Stored.Payouts().Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task Insufficient_balance_is_refused_and_writes_nothing_but_the_record_of_the_refusal(string provider)
    {
        await using var app = UseCaseHarness.OnNew(provider);
        await app.FundAndLinkAsync("alice", 10_000);

        var result = await app.SendAsync(Cashout("alice", 10_001, key: "k-big"));

        result.Error.Message.Should().Be("Insufficient balance");
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(10_000, 0, "USD"));
        app.Stored.Payouts().Should().BeEmpty();
        app.Stored.Outbox().Should().BeEmpty();
        app.Stored.LedgerEntries("alice").Should().OnlyContain(e => e.Kind == EntryKind.Credit);
        (await app.IdempotencyRecordAsync("alice", "k-big"))!.Error!.Message.Should().Be("Insufficient balance");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_unit_whose_key_another_request_already_recorded_is_undone_and_told_the_key_is_in_flight(string provider)
    {
        await using var app = UseCaseHarness.OnNew(provider);
        await app.FundAndLinkAsync("alice", 10_000);
        await app.SendAsync(Cashout("alice", 1_000, key: "k-1"));
        var unitOfWork = app.Service<IUnitOfWork>();

        // What a replica whose claim was taken over meanwhile would run: the key's outcome is already there.
        var late = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.Merchants.SaveDefaultWebhookUrl("m-1", new Uri("https://merchant.example/hook"), app.Clock.GetUtcNow());
                return Result<bool>.Success(true);
            },
            new PendingIdempotencyRecord("alice", "k-1", "{}", app.Clock.GetUtcNow()),
            owner: "alice",
            CancellationToken.None);

        late.Error.Should().Be(TransientErrors.KeyInFlight);
        (await unitOfWork.ExecuteAsync(session => Result<bool>.Success(session.Merchants.FindDefaultWebhookUrl("m-1") is null), CancellationToken.None))
            .Value.Should().BeTrue("the unit was rolled back");
        (await app.IdempotencyRecordAsync("alice", "k-1"))!.ResponseJson.Should().NotBeNull("the first outcome stays");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_key_whose_unit_failed_is_free_again_when_its_request_ends(string provider)
    {
        await using var app = UseCaseHarness.OnNew(provider);
        var claims = app.Service<IIdempotencyClaims>();
        (await claims.TryBeginAsync("alice", "k-1", CancellationToken.None)).Should().NotBe(KeyClaim.InFlight);

        // Refused by the database (NOT NULL), with or after the unit's record: nothing of the unit stays, the record neither.
        var failed = () => app.Service<IUnitOfWork>().ExecuteAsync(
            session =>
            {
                session.Outbox.Add(new OutboxMessage("test", null!, app.Clock.GetUtcNow()));
                return Result<bool>.Success(true);
            },
            new PendingIdempotencyRecord("alice", "k-1", "{}", app.Clock.GetUtcNow()),
            owner: "alice",
            CancellationToken.None);

        await failed.Should().ThrowAsync<Exception>();
        await claims.EndAsync("alice", "k-1");
        (await app.IdempotencyRecordAsync("alice", "k-1")).Should().BeNull("the record was undone with its unit");
        (await claims.TryBeginAsync("alice", "k-1", CancellationToken.None)).Should().NotBe(KeyClaim.InFlight,
            "nothing was recorded, so the claim was deleted and a retry runs again");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task Concurrent_cashouts_in_one_process_never_overdraw(string provider)
    {
        await using var app = UseCaseHarness.OnNew(provider);
        await app.FundAndLinkAsync("alice", 5_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() => app.SendAsync(Cashout("alice", 100, key: $"c-{i}")))));

        results.Count(r => r.IsSuccess).Should().Be(50);
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Error.Message == "Insufficient balance");
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(0, 5_000, "USD"));
    }
}
