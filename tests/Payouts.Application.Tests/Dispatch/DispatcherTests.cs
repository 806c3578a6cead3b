using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Dispatch;

/// <summary>
/// The dispatcher from ProcessCashout to a final status, against a real SQLite file, with a scripted
/// provider: each test checks the payout's status and the money together.
/// </summary>
public sealed class DispatcherTests : IAsyncLifetime
{
    private const long Funded = 10_000;
    private const long Amount = 1_000;
    private readonly ScriptedProvider _provider = new();
    private readonly UseCaseHarness _app;

    public DispatcherTests() => _app = new UseCaseHarness(configure: services => services.AddSingleton<IPayoutProvider>(_provider));

    public Task InitializeAsync() => _app.FundAndLinkAsync("alice", Funded);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_paid_cashout_posts_the_reservation()
    {
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();
        StatusOf(id).Should().Be(PayoutStatus.InitiationProcessing);
        _provider.Received[id] = ProviderPayoutState.Completed;
        await PollAsync();

        StatusOf(id).Should().Be(PayoutStatus.InitiationCompleted);
        (await BalanceAsync()).Should().Be((Funded - Amount, 0));
        EntriesOf(id, EntryKind.Post).Should().Be(1);
    }

    [Fact]
    public async Task A_rejected_cashout_gives_the_money_back()
    {
        var id = await CashoutAsync();
        await _app.PumpDispatchAsync();

        _provider.Received[id] = ProviderPayoutState.Rejected;
        await PollAsync();

        StatusOf(id).Should().Be(PayoutStatus.InitiationRejected);
        (await BalanceAsync()).Should().Be((Funded, 0));
        EntriesOf(id, EntryKind.Void).Should().Be(1);
    }

    [Fact]
    public async Task A_refused_submission_rejects_the_payout_and_voids_the_reservation()
    {
        _provider.NextSubmit(keeps: false, new SubmitOutcome.Refused("receiver", "receiver is not a valid account"));
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();

        StatusOf(id).Should().Be(PayoutStatus.InitiationRejected);
        (await BalanceAsync()).Should().Be((Funded, 0));
    }

    [Fact]
    public async Task After_an_unknown_outcome_the_provider_is_asked_before_sending_again()
    {
        _provider.NextSubmit(keeps: true, new SubmitOutcome.Unknown("timeout"));
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();
        DispatchStageOf(id).Should().Be(DispatchStage.Submitting, "an unknown outcome is a state, not a guess");
        await AfterBackoffAsync();

        _provider.SubmitCalls.Should().Be(1, "the provider had it, so it was adopted, not sent again");
        StatusOf(id).Should().Be(PayoutStatus.InitiationProcessing);
    }

    [Fact]
    public async Task After_an_unknown_outcome_a_payout_the_provider_never_got_is_sent_again_once()
    {
        _provider.NextSubmit(keeps: false, new SubmitOutcome.Unknown("HTTP 500"));
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();
        await AfterBackoffAsync();

        _provider.SubmitCalls.Should().Be(2);
        _provider.Received.Should().ContainKey(id);
        StatusOf(id).Should().Be(PayoutStatus.InitiationProcessing);
    }

    [Fact]
    public async Task A_refusal_after_an_earlier_attempt_may_have_reached_the_provider_keeps_the_money_reserved()
    {
        // Like PayPal before it gave us a batch id: the lookup cannot find the first attempt, and the
        // resend is refused with an error that says nothing of it (e.g. INSUFFICIENT_FUNDS: the first took the funds).
        _provider.NextSubmit(keeps: true, new SubmitOutcome.Unknown("timeout"));
        _provider.NextSubmit(keeps: false, new SubmitOutcome.Refused("INSUFFICIENT_FUNDS", "422"));
        _provider.HideUntilReferenced = true;
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();
        await AfterBackoffAsync();

        _provider.SubmitCalls.Should().Be(2);
        StatusOf(id).Should().Be(PayoutStatus.InitiationPending, "a refused resend proves nothing about the first attempt");
        DispatchStageOf(id).Should().Be(DispatchStage.Submitting);
        (await BalanceAsync()).Should().Be((Funded - Amount, Amount), "the money stays reserved while the provider may be paying");
    }

    [Fact]
    public async Task Not_sent_is_retried_with_backoff_without_asking_first()
    {
        _provider.NextSubmit(keeps: false, new SubmitOutcome.NotSent("HTTP 429"));
        var id = await CashoutAsync();

        await _app.PumpDispatchAsync();
        DispatchStageOf(id).Should().Be(DispatchStage.Submit);
        (await _app.PumpDispatchAsync()).Should().Be(0, "the retry waits for its backoff");
        await AfterBackoffAsync();

        _provider.StatusCalls.Should().Be(0);
        StatusOf(id).Should().Be(PayoutStatus.InitiationProcessing);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_submission_resumes_by_asking_the_provider()
    {
        _provider.NextSubmitCrashes();
        var id = await CashoutAsync();
        await FluentActions.Awaiting(_app.PumpDispatchAsync).Should().ThrowAsync<InvalidOperationException>();

        await _app.RestartAsync();
        (await _app.PumpDispatchAsync()).Should().Be(0, "the step's lease has not run out");
        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        await _app.PumpDispatchAsync();

        _provider.SubmitCalls.Should().Be(1);
        StatusOf(id).Should().Be(PayoutStatus.InitiationProcessing);
        (await BalanceAsync()).Should().Be((Funded - Amount, Amount));
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_settle_once()
    {
        var id = await CashoutAsync();
        await _app.PumpDispatchAsync();
        var dispatcher = _app.Service<PayoutDispatcher>();

        _provider.Received[id] = ProviderPayoutState.Completed;
        (await dispatcher.RequestCheckAsync(id, CancellationToken.None)).Should().BeTrue();
        await dispatcher.RequestCheckAsync(id, CancellationToken.None);
        await _app.PumpDispatchAsync();
        _provider.Received[id] = ProviderPayoutState.Processing;
        await dispatcher.RequestCheckAsync(id, CancellationToken.None);
        await _app.PumpDispatchAsync();

        StatusOf(id).Should().Be(PayoutStatus.InitiationCompleted, "a stale status never moves a payout back");
        EntriesOf(id, EntryKind.Post).Should().Be(1);
        (await BalanceAsync()).Should().Be((Funded - Amount, 0));
    }

    [Fact]
    public async Task A_return_after_success_credits_the_money_back()
    {
        var id = await CashoutAsync();
        await _app.PumpDispatchAsync();
        _provider.Received[id] = ProviderPayoutState.Completed;
        await PollAsync();

        _provider.Received[id] = ProviderPayoutState.Returned;
        await _app.Service<PayoutDispatcher>().RequestCheckAsync(id, CancellationToken.None);
        await _app.PumpDispatchAsync();

        StatusOf(id).Should().Be(PayoutStatus.Returned);
        (await BalanceAsync()).Should().Be((Funded, 0));
        EntriesOf(id, EntryKind.Reversal).Should().Be(1);
    }

    [Fact]
    public async Task A_cashout_whose_method_was_unlinked_before_sending_is_rejected_with_the_money_back()
    {
        var id = await CashoutAsync();
        await _app.LinkAsync("alice", "paypal", LinkStatus.Unlinked);

        await _app.PumpDispatchAsync();

        _provider.SubmitCalls.Should().Be(0);
        StatusOf(id).Should().Be(PayoutStatus.InitiationRejected);
        (await BalanceAsync()).Should().Be((Funded, 0));
    }

    private async Task<long> CashoutAsync()
    {
        var cashout = await _app.SendAsync(Commands.Cashout("alice", Amount));
        return cashout.Value.CashoutId;
    }

    private async Task PollAsync()
    {
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        await _app.PumpDispatchAsync();
    }

    private async Task AfterBackoffAsync()
    {
        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        await _app.PumpDispatchAsync();
    }

    private async Task<(long Available, long Reserved)> BalanceAsync()
    {
        var balance = (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value;
        return (balance.Available, balance.Reserved);
    }

    private PayoutStatus StatusOf(long id) => _app.Stored.Payout(id).Status;

    private DispatchStage DispatchStageOf(long id) => _app.Stored.DispatchStage(id);

    private int EntriesOf(long id, EntryKind kind) =>
        _app.Stored.LedgerEntries().Count(e => e.Reference == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Kind == kind);
}
