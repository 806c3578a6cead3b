using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Cashouts;

public sealed class ProcessCashoutTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        await _app.FundAndLinkAsync("alice", 10_000);
    }

    [Fact]
    public async Task Reserves_the_amount_and_creates_a_pending_cashout()
    {
        var result = await _app.SendAsync(Cashout("alice", 2_500));

        result.IsSuccess.Should().BeTrue();
        result.Value.Should().BeEquivalentTo(new { Amount = 2_500L, Type = "paypal", Status = "pending", Currency = "USD" });
        (await _app.AskAsync(new GetBalanceQuery("alice", ""))).Value.Should().Be(new BalanceView(7_500, 2_500, "USD"));
        _app.Stored.Payout(result.Value.CashoutId).Status.Should().Be(PayoutStatus.InitiationPending);
    }

    [Fact]
    public async Task Writes_the_outbox_message_with_the_cashout()
    {
        var result = await _app.SendAsync(Cashout("alice", 2_500));

        var message = _app.Stored.Outbox().Should().ContainSingle().Subject;
        message.Type.Should().Be(PayoutMessages.CreatedType);
        PayoutMessages.ReadCreated(message.Payload).PayoutId.Should().Be(result.Value.CashoutId);
    }

    [Fact]
    public async Task Insufficient_balance_changes_nothing()
    {
        var result = await _app.SendAsync(Cashout("alice", 10_001));

        result.Error.Should().BeEquivalentTo(new { Message = "Insufficient balance", Kind = ErrorKind.Precondition });
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(10_000, 0, "USD"));
        _app.Stored.Payouts().Should().BeEmpty();
        _app.Stored.Outbox().Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_never_credited_has_insufficient_balance()
    {
        await _app.LinkAsync("bob", "paypal");

        var result = await _app.SendAsync(Cashout("bob", 100));

        result.Error.Message.Should().Be("Insufficient balance");
    }

    [Theory]
    [InlineData("payoneer")]
    [InlineData("tipalti")]
    public async Task A_provider_the_user_has_not_linked_is_a_failed_precondition(string type)
    {
        var result = await _app.SendAsync(Cashout("alice", 5_000, type));

        result.Error.Kind.Should().Be(ErrorKind.Precondition);
        result.Error.Message.Should().Contain($"No linked {type} cashout method");
    }

    [Fact]
    public async Task A_link_still_pending_cannot_receive_cashouts()
    {
        await _app.LinkAsync("alice", "payoneer", status: LinkStatus.Pending);

        var result = await _app.SendAsync(Cashout("alice", 5_000, "payoneer"));

        result.Error.Code.Should().Be("cashout.method_not_linked");
    }

    [Fact]
    public async Task Cashout_ids_increase_with_time()
    {
        var first = await _app.SendAsync(Cashout("alice", 100));
        _app.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = await _app.SendAsync(Cashout("alice", 100));

        second.Value.CashoutId.Should().BeGreaterThan(first.Value.CashoutId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
