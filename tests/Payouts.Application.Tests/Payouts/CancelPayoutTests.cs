using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Providers;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Application.Tests.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Payouts;

/// <summary>A payout can be cancelled until a provider has been asked to pay it; the money then goes back.</summary>
public sealed class CancelPayoutTests : IAsyncLifetime
{
    private readonly ScriptedProvider _tupay = new(Domain.Payouts.Provider.Tupay);
    private readonly UseCaseHarness _app;

    public CancelPayoutTests() => _app = new UseCaseHarness(configure: services => services.AddSingleton<IPayoutProvider>(_tupay));

    public async Task InitializeAsync() =>
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 100_000, currency: "PEN"))).IsSuccess.Should().BeTrue();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_payout_waiting_for_the_recipient_is_cancelled_and_its_money_released()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN"))).Value;

        var cancelled = (await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId))).Value;

        cancelled.Status.Should().Be(PayoutStatus.Cancelled);
        (await BalanceAsync()).Should().Be((100_000, 0));
    }

    [Fact]
    public async Task A_payout_not_yet_sent_is_cancelled_and_never_sent()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() })).Value;

        (await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId))).IsSuccess.Should().BeTrue();
        await _app.PumpDispatchAsync();

        _tupay.SubmitCalls.Should().Be(0);
        (await BalanceAsync()).Should().Be((100_000, 0));
    }

    [Fact]
    public async Task A_payout_sent_to_the_provider_can_no_longer_be_cancelled()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() })).Value;
        await _app.PumpDispatchAsync();

        var cancel = await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId));

        cancel.Error.Kind.Should().Be(ErrorKind.Precondition);
        _tupay.Received.Should().ContainKey(payout.Id);
        (await BalanceAsync()).Should().Be((99_000, 1_000));
    }

    [Fact]
    public async Task A_payout_whose_form_expires_unused_is_cancelled_and_its_money_released()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN"))).Value;

        _app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await _app.PumpDispatchAsync();
        (await BalanceAsync()).Should().Be((99_000, 1_000), "the form is still open");
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await _app.PumpDispatchAsync();

        _app.Stored.Payouts().Should().ContainSingle(p => p.Status == PayoutStatus.Cancelled);
        (await BalanceAsync()).Should().Be((100_000, 0));
        _app.Stored.WebhookDeliveries().Should().ContainSingle(d => d.EventType == WebhookEvents.Cancelled, "the merchant learns the final status");
    }

    [Fact]
    public async Task A_payout_with_a_destination_never_expires_for_want_of_a_form()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() })).Value;
        await _app.PumpDispatchAsync();

        _app.Clock.Advance(TimeSpan.FromDays(30));
        await _app.PumpDispatchAsync();

        _app.Stored.Payouts().Should().NotContain(p => p.Status == PayoutStatus.Cancelled);
        _tupay.Received.Should().ContainKey(payout.Id);
    }

    [Fact]
    public async Task Cancelling_twice_answers_with_the_cancelled_payout()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN"))).Value;
        await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId));

        var again = await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId));

        again.Value.Status.Should().Be(PayoutStatus.Cancelled);
        _app.Stored.LedgerEntries().Should().ContainSingle(e => e.Kind == EntryKind.Void);
    }

    [Fact]
    public async Task Another_merchants_payout_is_not_found()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN"))).Value;

        var cancel = await _app.SendAsync(new CancelPayoutCommand("merchant-2", payout.PublicId));

        cancel.Error.Kind.Should().Be(ErrorKind.NotFound);
    }

    private async Task<(long Available, long Reserved)> BalanceAsync()
    {
        var balance = (await _app.AskAsync(new GetBalanceQuery(MerchantAccounts.OwnerOf(Commands.Merchant), "PEN"))).Value;
        return (balance.Available, balance.Reserved);
    }
}
