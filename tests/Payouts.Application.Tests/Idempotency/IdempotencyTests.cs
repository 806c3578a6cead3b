using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Cashouts;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Idempotency;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        await _app.FundAndLinkAsync("alice", 10_000);
    }

    [Fact]
    public async Task Same_key_and_request_replays_the_response_and_pays_once()
    {
        var first = await _app.SendAsync(Cashout("alice", 1_000, key: "k-1"));
        var retry = await _app.SendAsync(Cashout("alice", 1_000, key: "k-1"));

        retry.Value.Should().Be(first.Value);
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(9_000, 1_000, "USD"));
        (await CashoutsOfAliceAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Same_key_with_another_request_names_the_fields_that_differ()
    {
        await _app.SendAsync(Cashout("alice", 1_000, key: "k-1"));
        var other = await _app.SendAsync(Cashout("alice", 2_000, key: "k-1"));

        other.Error.Code.Should().Be("idempotency.key_reused");
        other.Error.Kind.Should().Be(ErrorKind.Validation);
        other.Error.Violations.Select(v => v.Field).Should().Equal("amount");
        (await CashoutsOfAliceAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Errors_are_replayed_too()
    {
        var refused = await _app.SendAsync(Cashout("alice", 50_000, key: "k-big"));
        await _app.SendAsync(Credit("alice", 100_000, reference: "bonus"));
        var retry = await _app.SendAsync(Cashout("alice", 50_000, key: "k-big"));

        refused.Error.Message.Should().Be("Insufficient balance");
        retry.Error.Should().BeEquivalentTo(refused.Error, "the key remembers the first outcome, even if a retry would now succeed");
        (await CashoutsOfAliceAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_gets_a_retryable_conflict()
    {
        // The claim the first request holds while it runs (in memory on SQLite, a row on PostgreSQL).
        var claims = _app.Service<IIdempotencyClaims>();
        (await claims.TryBeginAsync("alice", "k-busy", CancellationToken.None)).Should().NotBe(KeyClaim.InFlight);

        var second = await _app.SendAsync(Cashout("alice", 1_000, key: "k-busy"));

        second.Error.Code.Should().Be("idempotency.in_flight");
        second.Error.Kind.Should().Be(ErrorKind.Conflict);
        await claims.EndAsync("alice", "k-busy");
        (await _app.SendAsync(Cashout("alice", 1_000, key: "k-busy"))).IsSuccess.Should().BeTrue("the key is free again");
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        await _app.SendAsync(Credit("bob", 10_000, reference: "bob-1"));
        await _app.LinkAsync("bob", "paypal");

        var alice = await _app.SendAsync(Cashout("alice", 1_000, key: "shared"));
        var bob = await _app.SendAsync(Cashout("bob", 3_000, key: "shared"));

        bob.Value.CashoutId.Should().NotBe(alice.Value.CashoutId);
        bob.Value.Amount.Should().Be(3_000);
    }

    [Fact]
    public async Task Record_is_committed_with_the_cashout()
    {
        var result = await _app.SendAsync(Cashout("alice", 1_000, key: "k-atomic"));

        var record = await _app.IdempotencyRecordAsync("alice", "k-atomic");
        record!.ResponseJson.Should().Contain(result.Value.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<IReadOnlyList<CashoutView>> CashoutsOfAliceAsync() =>
        (await _app.AskAsync(new ListCashoutsQuery("alice", 100, ""))).Value.Cashouts;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
