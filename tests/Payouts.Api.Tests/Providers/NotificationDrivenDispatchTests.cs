using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Providers;

/// <summary>
/// With polling made rare, only the provider's webhooks can move a cashout on. They arrive twice and
/// newest first; the payout must still settle exactly once.
/// </summary>
public sealed class NotificationDrivenDispatchTests : IAsyncLifetime
{
    private const long Funded = 10_000;
    private ProvidersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProvidersHost.StartAsync(service: "--Dispatch:PollInterval=01:00:00");
        await _host.FundAsync("alice", Funded);
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        await _host.CompleteLinkInBrowserAsync(link.Response!.Link);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Duplicated_and_reordered_webhooks_complete_the_cashout_once()
    {
        var webhooks = _host.Sandbox.PayPal.Context.Notifications;
        webhooks.Faults.Duplicate = true;
        webhooks.Faults.OutOfOrder = true;

        var cashout = await _host.CashoutAsync("alice", "paypal", 2_000);
        await ProvidersHost.EventuallyAsync(
            () => _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId), c => c.Status == "completed", "webhooks to complete the cashout");

        // Polling is an hour away, so a webhook moved it on; wait for the duplicates too, then check nothing moved twice.
        await ProvidersHost.EventuallyAsync(() => Task.FromResult(webhooks.Delivered), n => n >= 2, "the duplicated webhooks");
        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((Funded - 2_000, 0L), "posted once, however many webhooks came");
    }
}
