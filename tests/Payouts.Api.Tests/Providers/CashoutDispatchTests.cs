using System.Net;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Providers;

/// <summary>From ProcessCashout to a final status through the dispatcher and a provider's sandbox, with the money checked.</summary>
public sealed class CashoutDispatchTests : IAsyncLifetime
{
    private const long Funded = 10_000;
    private ProvidersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProvidersHost.StartAsync();
        await _host.FundAsync("alice", Funded);
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        await _host.CompleteLinkInBrowserAsync(link.Response!.Link);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_cashout_is_paid_and_its_reservation_posted()
    {
        var cashout = await _host.CashoutAsync("alice", "paypal", 1_000);
        cashout.Status.Should().Be(0, cashout.Message);

        var final = await ProvidersHost.EventuallyAsync(
            () => _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId), c => c.Status == "completed", "the cashout to complete");

        final.Amount.Should().Be(1_000);
        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((Funded - 1_000, 0L));
    }

    [Fact]
    public async Task A_rejected_cashout_puts_the_money_back()
    {
        // The sandboxes reject amounts ending in 13.
        var cashout = await _host.CashoutAsync("alice", "paypal", 1_013);

        await ProvidersHost.EventuallyAsync(
            () => _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId), c => c.Status == "failed", "the cashout to be rejected");

        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((Funded, 0L));
    }

    [Fact]
    public async Task A_cashout_returned_after_success_is_credited_back()
    {
        // ..77: paid, then returned a few steps later.
        var cashout = await _host.CashoutAsync("alice", "paypal", 1_077);

        await ProvidersHost.EventuallyAsync(
            () => _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId), c => c.Status == "returned", "the cashout to come back");

        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((Funded, 0L));
    }

    [Fact]
    public async Task A_forged_notification_is_refused()
    {
        using var content = new StringContent("{\"event_type\":\"PAYMENT.PAYOUTS-ITEM.SUCCEEDED\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _host.Browser.PostAsync(new Uri(_host.Http, "notifications/paypal"), content);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The service goes down while a submission's outcome is unknown; after the restart the payout is paid exactly once.</summary>
public sealed class DispatchRestartTests : IAsyncLifetime
{
    private ProvidersHost _host = null!;

    public async Task InitializeAsync()
    {
        // A short attempt timeout and no retries, so a hanging PayPal leaves the outcome unknown quickly.
        _host = await ProvidersHost.StartAsync(service: ["--Providers:PayPal:AttemptTimeout=00:00:01", "--Providers:PayPal:MaxRetries=0", "--Dispatch:BaseBackoff=00:00:02"]);
        await _host.FundAsync("alice", 10_000);
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        await _host.CompleteLinkInBrowserAsync(link.Response!.Link);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_restart_while_the_outcome_is_unknown_pays_the_cashout_once()
    {
        // PayPal creates the batch, then never answers.
        _host.Sandbox.PayPal.Context.Faults.Arm(new Payouts.Sandboxes.Common.Fault("submit", Payouts.Sandboxes.Common.FaultKind.TimeoutAfterProcessing));
        var cashout = await _host.CashoutAsync("alice", "paypal", 1_500);
        await ProvidersHost.EventuallyAsync(() => Task.FromResult(_host.Sandbox.PayPal.BatchCount), n => n == 1, "PayPal to receive the batch");

        await _host.RestartServiceAsync();

        await ProvidersHost.EventuallyAsync(
            () => _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId), c => c.Status == "completed", "the cashout to complete after the restart");
        _host.Sandbox.PayPal.BatchCount.Should().Be(1, "the resubmission was adopted, not paid again");
        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((8_500L, 0L));
    }
}
