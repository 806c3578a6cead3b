using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.Payoneer;

namespace Payouts.Providers.Tests.Payoneer;

/// <summary>
/// A fresh sandbox, notification inbox and set of adapters per test (xunit makes a class instance per test),
/// configured as the service's development configuration would be.
/// </summary>
public abstract class PayoneerTestBase : IAsyncLifetime
{
    protected const string Payee = "payee-ready";

    protected static readonly Currency Usd = new("USD", 2);

    protected PayoneerTestBase()
    {
        var sandbox = Fixture.SandboxSettings.Payoneer;
        Fixture.Settings["Providers:Payoneer:ProgramId"] = sandbox.ProgramId;
        Fixture.Settings["Providers:Payoneer:ClientId"] = sandbox.ClientId;
        Fixture.Settings["Providers:Payoneer:ClientSecret"] = sandbox.ClientSecret;
        Fixture.Settings["Providers:Payoneer:IpcnSecret"] = sandbox.IpcnSecret;
        // Generous, so a loaded machine never turns a plain call into a timeout; fault tests shorten it.
        Fixture.Settings["Providers:Payoneer:AttemptTimeout"] = "00:00:05";
        Fixture.Settings["Providers:Payoneer:RetryDelay"] = "00:00:00.010";
    }

    protected SandboxedProviders Fixture { get; } = new();

    protected NotificationInbox Inbox { get; } = new();

    /// <summary>The IPCNs posted to the event URL ending in <paramref name="slug"/>.</summary>
    protected Task<IReadOnlyList<ProviderNotification>> WaitForIpcnAsync(string slug, int count = 1) =>
        Inbox.WaitForAsync(n => n.Url.AbsolutePath.EndsWith("/" + slug, StringComparison.Ordinal), count);

    protected PayoneerSandbox Sandbox => Fixture.Sandbox.Payoneer;

    protected IPayoutProvider Payouts => Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Payoneer);

    protected IRedirectLinkProvider Links => Fixture.Services.GetServices<IRedirectLinkProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Payoneer);

    protected IUnlinkProvider Unlinks => Fixture.Services.GetServices<IUnlinkProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Payoneer);

    protected INotificationVerifier Verifier => Fixture.Services.GetServices<INotificationVerifier>().Single(p => p.Provider == Domain.Payouts.Provider.Payoneer);

    public async Task InitializeAsync()
    {
        await Inbox.StartAsync();
        Fixture.SandboxSettings.NotificationBaseUrl = Inbox.BaseUrl;
        await Fixture.InitializeAsync();
        Sandbox.AddPayee(Payee);
    }

    public async Task DisposeAsync()
    {
        await Fixture.DisposeAsync();
        await Inbox.DisposeAsync();
    }

    protected static PayoutInstruction Instruction(long payoutId, long minor = 12_50, string payee = Payee, Currency? currency = null) =>
        new(payoutId, Money.FromMinor(minor, currency ?? Usd), new ProviderAccount(payee), null, "Winnings cash-out");

    protected void Arm(string operation, FaultKind kind, int times = 1, int delayMs = 0) =>
        Sandbox.Context.Faults.Arm(new Fault(operation, kind, times, TimeSpan.FromMilliseconds(delayMs)));

    /// <summary>Polls the adapter until the payout reaches <paramref name="state"/>, or returns the last status seen.</summary>
    protected async Task<ProviderPayoutStatus?> StatusEventuallyAsync(PayoutInstruction payout, ProviderPayoutState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        ProviderPayoutStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var result = await Payouts.GetStatusAsync(payout, CancellationToken.None);
            last = result.Value;
            if (last?.State == state)
            {
                return last;
            }

            await Task.Delay(25);
        }

        return last;
    }
}
