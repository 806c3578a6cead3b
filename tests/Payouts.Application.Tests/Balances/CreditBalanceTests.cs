using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Balances;

public sealed class CreditBalanceTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Credit_opens_the_account_and_raises_available()
    {
        var result = await _app.SendAsync(Credit("alice", 1_234));

        result.Value.Should().Be(new Application.Balances.Commands.CreditBalance.BalanceCredited("earning-1", false, 1_234, "USD"));
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(1_234, 0, "USD"));
    }

    [Fact]
    public async Task The_same_reference_credits_once()
    {
        await _app.SendAsync(Credit("alice", 500, reference: "march"));
        var again = await _app.SendAsync(Credit("alice", 500, reference: "march"));

        again.Value.AlreadyApplied.Should().BeTrue();
        again.Value.Available.Should().Be(500);
        _app.Stored.LedgerEntries().Count(e => e.Kind == EntryKind.Credit).Should().Be(1);
    }

    [Fact]
    public async Task Reusing_a_reference_for_another_amount_is_refused()
    {
        await _app.SendAsync(Credit("alice", 500, reference: "march"));
        var other = await _app.SendAsync(Credit("alice", 600, reference: "march"));

        other.Error.Code.Should().Be("balance.reference_reused");
        other.Error.Kind.Should().Be(ErrorKind.AlreadyExists, "retrying it unchanged would fail again");
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Available.Should().Be(500);
    }

    [Fact]
    public async Task Balances_are_kept_per_currency()
    {
        await _app.SendAsync(Credit("alice", 500, currency: "USD"));
        await _app.SendAsync(Credit("alice", 700, reference: "yen", currency: "JPY"));

        (await _app.AskAsync(new GetBalanceQuery("alice", "JPY"))).Value.Should().Be(new BalanceView(700, 0, "JPY"));
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Available.Should().Be(500);
    }

    [Theory]
    [InlineData("", 100L, "USD", "r", "user_id")]
    [InlineData("alice", 0L, "USD", "r", "amount")]
    [InlineData("alice", 100L, "usd", "r", "currency")]
    [InlineData("alice", 100L, "USD", "", "reference")]
    public async Task Invalid_credit_names_the_field(string user, long amount, string currency, string reference, string field)
    {
        var result = await _app.SendAsync(new Application.Balances.Commands.CreditBalance.CreditBalanceCommand(Service, user, amount, currency, reference, null));

        result.Error.Kind.Should().Be(ErrorKind.Validation);
        result.Error.Violations.Select(v => v.Field).Should().Equal(field);
    }

    [Fact]
    public async Task A_balance_never_credited_reads_as_zero()
    {
        (await _app.AskAsync(new GetBalanceQuery("nobody", ""))).Value.Should().Be(new BalanceView(0, 0, "USD"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
