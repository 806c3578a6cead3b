using System.Globalization;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.PayPal;

namespace Payouts.Providers.Tests.PayPal;

/// <summary>A fresh sandbox and adapter per test, configured with the sandbox's PayPal credentials.</summary>
public abstract class PayPalTestBase : IAsyncLifetime
{
    protected static readonly Currency Usd = new("USD", 2);

    private static long _nextPayoutId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100;

    protected PayPalTestBase()
    {
        var options = Fixture.SandboxSettings.PayPal;
        Fixture.Settings["Providers:PayPal:ClientId"] = options.ClientId;
        Fixture.Settings["Providers:PayPal:ClientSecret"] = options.ClientSecret;
        Fixture.Settings["Providers:PayPal:WebhookId"] = options.WebhookId;

        // Nothing listens there: these tests read the sandbox's webhooks in process, and must not post to a
        // service someone runs on the default port.
        Fixture.SandboxSettings.NotificationBaseUrl = new Uri("http://127.0.0.1:9/notifications/");
    }

    protected SandboxedProviders Fixture { get; } = new();

    protected PayPalSandbox Sandbox => Fixture.Sandbox.PayPal;

    protected PayPalSandboxOptions SandboxOptions => Fixture.SandboxSettings.PayPal;

    protected IPayoutProvider Payouts => Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.PayPal);

    protected INotificationVerifier Verifier => Fixture.Services.GetServices<INotificationVerifier>().Single(p => p.Provider == Domain.Payouts.Provider.PayPal);

    protected IRedirectLinkProvider Linking => Fixture.Services.GetServices<IRedirectLinkProvider>().Single(p => p.Provider == Domain.Payouts.Provider.PayPal);

    public virtual Task InitializeAsync() => Fixture.InitializeAsync();

    public virtual Task DisposeAsync() => Fixture.DisposeAsync();

    protected static PayoutInstruction NewPayout(long minor = 1000, Currency? currency = null, string? payerId = null, string description = "Cashout") =>
        new(Interlocked.Increment(ref _nextPayoutId), new Money(minor, currency ?? Usd), new ProviderAccount(payerId ?? "SBXPAYERQ7LM2"), null, description);

    protected static string Key(PayoutInstruction payout) => payout.PayoutId.ToString(CultureInfo.InvariantCulture);

    protected void Book(PayoutInstruction payout, Scenario scenario) => Sandbox.Context.Scenarios.Book(Key(payout), scenario);

    protected void Arm(string operation, FaultKind kind, int times = 1, int delayMilliseconds = 0) =>
        Sandbox.Context.Faults.Arm(new Fault(operation, kind, times, TimeSpan.FromMilliseconds(delayMilliseconds)));

    protected async Task<string> SubmitAcceptedAsync(PayoutInstruction payout)
    {
        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);
        return outcome.Should().BeOfType<SubmitOutcome.Accepted>().Subject.ProviderReference;
    }

    /// <summary>Polls the adapter until <paramref name="done"/> holds, for at most <paramref name="seconds"/>.</summary>
    protected async Task<ProviderPayoutStatus> PollUntilAsync(PayoutInstruction payout, Func<ProviderPayoutState, bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var result = await Payouts.GetStatusAsync(payout, CancellationToken.None);
            result.IsSuccess.Should().BeTrue(result.Failure?.Message);
            if (done(result.Value!.State) || DateTime.UtcNow > deadline)
            {
                return result.Value;
            }

            await Task.Delay(25);
        }
    }

    protected static ProviderNotification AsReceived(PayPalSandboxWebhook webhook, byte[]? body = null, Action<Dictionary<string, string>>? tamper = null)
    {
        var headers = webhook.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        tamper?.Invoke(headers);
        return new ProviderNotification(new Uri("http://service.test/notifications/paypal"), "POST", headers, body ?? webhook.Body);
    }
}
