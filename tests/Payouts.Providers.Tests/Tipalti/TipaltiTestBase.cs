using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Infrastructure.Providers.Tipalti;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Tipalti;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>
/// A fresh sandbox, adapter and IPN inbox per test (xunit makes one class instance per test), configured with
/// the sandbox's credentials as the service's development configuration would be.
/// </summary>
public abstract class TipaltiTestBase : IAsyncLifetime
{
    /// <summary>Enough armed faults to cover every attempt the pipeline makes (one try and MaxRetries retries).</summary>
    protected const int EveryAttempt = 3;

    protected static readonly Currency Usd = new("USD", 2);

    private static long _nextPayoutId = 7_000_000;

    private readonly NotificationInbox _inbox = new();

    protected TipaltiTestBase()
    {
        var sandbox = Fixture.SandboxSettings.Tipalti;
        Fixture.Settings["Providers:Tipalti:PayerName"] = sandbox.PayerName;
        Fixture.Settings["Providers:Tipalti:MasterKey"] = sandbox.MasterKey;
        Fixture.Settings["Providers:Tipalti:IpnVerifyUrl"] = "notif/ipn.aspx";
        // Generous, so a loaded machine never turns a plain call into a timeout; fault tests shorten it.
        Fixture.Settings["Providers:Tipalti:AttemptTimeout"] = "00:00:05";
        Fixture.Settings["Providers:Tipalti:MaxRetries"] = "2";
        Fixture.Settings["Providers:Tipalti:RetryDelay"] = "00:00:00.010";
    }

    protected SandboxedProviders Fixture { get; } = new();

    protected TipaltiSandbox Sandbox => Fixture.Sandbox.Tipalti;

    private protected NotificationInbox Inbox => _inbox;

    protected IPayoutProvider Provider => Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti);

    protected IPayeeRegistry Registry => Fixture.Services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti);

    protected INotificationVerifier Verifier => Fixture.Services.GetServices<INotificationVerifier>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti);

    public async Task InitializeAsync()
    {
        await _inbox.StartAsync();
        Fixture.SandboxSettings.NotificationBaseUrl = _inbox.BaseUrl;
        await Fixture.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Fixture.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    protected static PayeeDetails Individual(string idap) => new(
        idap, PayeeType.Individual, "Ana", "Quispe", null, "ana@example.com", new PayeeAddress("Av. Larco 123", null, "Lima", null, "15074", "PE"), "+51 999 000 111");

    protected static PayeeDetails Company(string idap) => new(
        idap, PayeeType.Company, null, null, "Quispe Trading S.A.C.", "billing@example.com", new PayeeAddress("1 Main St.", "Suite 4", "Springfield", "IL", "62701", "US"), null);

    /// <summary>A payee the sandbox knows, created through the adapter.</summary>
    protected async Task<string> CreatePayeeAsync(string? idap = null)
    {
        idap ??= "payee-" + Guid.NewGuid().ToString("N")[..12];
        var created = await Registry.UpsertPayeeAsync(Individual(idap), CancellationToken.None);
        created.IsSuccess.Should().BeTrue(created.Failure?.Message);
        return idap;
    }

    protected static PayoutInstruction Payout(string idap, long minor, long? payoutId = null) =>
        new(payoutId ?? Interlocked.Increment(ref _nextPayoutId), Money.FromMinor(minor, Usd), new ProviderAccount(idap), null, "Cashout");

    /// <summary>Polls the adapter until the payout reaches <paramref name="state"/>; fails after 5 s.</summary>
    protected async Task<ProviderPayoutStatus> WaitForStateAsync(PayoutInstruction payout, ProviderPayoutState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        ProviderPayoutStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var status = await Provider.GetStatusAsync(payout, CancellationToken.None);
            status.IsSuccess.Should().BeTrue(status.Failure?.Message);
            last = status.Value!;
            if (last.State == state)
            {
                return last;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Payout {payout.PayoutId} stayed {last?.State}, never reached {state}.");
    }
}
