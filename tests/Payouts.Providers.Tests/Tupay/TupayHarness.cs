using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Tupay;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>A fresh sandbox and Tupay adapter configured with the sandbox's credentials, as the development configuration would.</summary>
public sealed class TupayHarness : IAsyncDisposable
{
    private TupayHarness(SandboxedProviders fixture) => Fixture = fixture;

    public SandboxedProviders Fixture { get; }

    public TupaySandbox Sandbox => Fixture.Sandbox.Tupay;

    public IPayoutProvider Provider => Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tupay);

    public INotificationVerifier Verifier => Fixture.Services.GetServices<INotificationVerifier>().Single(v => v.Provider == Domain.Payouts.Provider.Tupay);

    /// <summary><paramref name="configure"/> runs before start: change settings or sandbox options there.</summary>
    public static async Task<TupayHarness> StartAsync(Action<SandboxedProviders>? configure = null)
    {
        var fixture = new SandboxedProviders();
        var sandbox = fixture.SandboxSettings.Tupay;
        fixture.Settings["Providers:Tupay:Login"] = sandbox.Login;
        fixture.Settings["Providers:Tupay:Pass"] = sandbox.Pass;
        fixture.Settings["Providers:Tupay:ApiSignature"] = sandbox.ApiSignature;
        fixture.Settings["Providers:Tupay:RequireHttpsNotificationUrl"] = "false";
        configure?.Invoke(fixture);
        await fixture.InitializeAsync();
        return new TupayHarness(fixture);
    }

    public static PeruvianBankAccount Account { get; } = new("DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "S");

    public static PayoutInstruction Payout(long payoutId, long minor = 10_000, string currency = "PEN", PayoutRecipient? recipient = null) =>
        new(payoutId, Money.FromMinor(minor, Currency.From(currency).Value), recipient ?? Account, null, "Cashout to bank");

    /// <summary>Polls until the status is <paramref name="state"/>, failing with the last status seen after a deadline.</summary>
    public async Task<ProviderPayoutStatus> WaitForAsync(PayoutInstruction payout, ProviderPayoutState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        ProviderResult<ProviderPayoutStatus> last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await Provider.GetStatusAsync(payout, CancellationToken.None);
            if (last.Value is { } status && status.State == state)
            {
                return status;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Payout {payout.PayoutId} never reached {state}; last: {last.Value?.State.ToString() ?? last.Failure?.Code}.");
    }

    public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
}

/// <summary>A test class whose every test gets its own harness (xunit makes one class instance per test).</summary>
public abstract class TupayTestBase : IAsyncLifetime
{
    private TupayHarness? _harness;

    protected TupayHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    protected IPayoutProvider Provider => Harness.Provider;

    protected TupaySandbox Sandbox => Harness.Sandbox;

    public async Task InitializeAsync() => _harness = await TupayHarness.StartAsync(Configure);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    protected virtual void Configure(SandboxedProviders fixture)
    {
    }
}
