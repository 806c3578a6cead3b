using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Providers;

/// <summary>
/// The service is the one owner of its SQLite file, so a payout a previous process was submitting when it stopped is
/// taken back at start-up, not after the in-flight lease (ten minutes here); and still paid once.
/// </summary>
public sealed class InFlightRecoveryTests : IAsyncLifetime
{
    private ProvidersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProvidersHost.StartAsync(service: ["--Providers:PayPal:AttemptTimeout=00:01:00", "--Providers:PayPal:MaxRetries=0", "--Dispatch:InFlightLease=00:10:00"]);
        await _host.FundAsync("alice", 10_000);
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        await _host.CompleteLinkInBrowserAsync(link.Response!.Link);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_payout_in_flight_when_the_service_stopped_is_taken_back_at_the_next_start_and_paid_once()
    {
        // PayPal hangs on the submission: the dispatcher's call is still out when the service goes down.
        _host.Sandbox.PayPal.Context.Faults.Arm(new Payouts.Sandboxes.Common.Fault("submit", Payouts.Sandboxes.Common.FaultKind.Latency, Delay: TimeSpan.FromSeconds(30)));
        var cashout = await _host.CashoutAsync("alice", "paypal", 1_500);
        cashout.Status.Should().Be(0, cashout.Message);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the dispatcher (50 ms idle) claims it and calls at once; the call then hangs for 30 s

        await _host.RestartServiceAsync();

        using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await _host.CashoutStatusAsync("alice", cashout.Response!.CashoutId)).Status != "completed")
        {
            await Task.Delay(200, soon.Token);
        }

        _host.Sandbox.PayPal.BatchCount.Should().BeLessThanOrEqualTo(1, "asked first, then sent at most once");
        var balance = await _host.BalanceAsync("alice");
        (balance.Available, balance.Reserved).Should().Be((8_500L, 0L));
    }
}
