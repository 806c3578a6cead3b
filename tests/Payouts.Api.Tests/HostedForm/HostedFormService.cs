using Microsoft.Playwright;
using Payouts.Api.Tests.Providers;
using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CreatePayout;

namespace Payouts.Api.Tests.HostedForm;

/// <summary>
/// The real service with its dispatcher and the provider sandboxes (Tupay, PayPal, ...) on loopback, a merchant funded in PEN and USD, and (when a test
/// asks) headless Debian chromium driven by Playwright. Payouts are created through the service's own use cases.
/// </summary>
public sealed class HostedFormService : IAsyncLifetime
{
    public const string Merchant = "merchant-form";
    public const string MerchantReturn = "https://merchant.example/return?order=1456";

    /// <summary>Debian's chromium: Playwright's own browser builds cannot be downloaded here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _browserLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ProvidersHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ProvidersHost.StartAsync();
        foreach (var currency in (string[])["PEN", "USD"])
        {
            (await UseCasesAsync(u => u.SendAsync(new CreditBalanceCommand("svc-earnings", MerchantAccounts.OwnerOf(Merchant), 10_000_000, currency, "funding-" + currency, null), CancellationToken.None)))
                .IsSuccess.Should().BeTrue();
        }
    }

    /// <summary>
    /// A 10.00 payout waiting for its recipient; the sandboxes pay amounts ending in 00. PEN by default, which Tupay pays;
    /// a payout the recipient will take by PayPal needs a currency PayPal pays, such as USD (PayPal has no PEN).
    /// </summary>
    public async Task<PayoutView> CreatePayoutAsync(string redirectUrl = MerchantReturn, string currency = "PEN")
    {
        // A key each: without one, the same content would replay the previous test's payout (seed 001).
        var command = new CreatePayoutCommand(
            Merchant, "10.00", currency, "payout", "Order #1456 <b>bold</b>", null, "", redirectUrl, "", "", "", "", "", null, Guid.NewGuid().ToString());
        var created = await UseCasesAsync(u => u.SendAsync(command, CancellationToken.None));
        created.IsSuccess.Should().BeTrue();
        return created.Value;
    }

    /// <summary>The payout's form on the service's real HTTP address (the configured public base URL is not this test's port).</summary>
    public Uri FormUrl(PayoutView payout) => new(Host.Http, payout.Url.AbsolutePath.TrimStart('/'));

    public async Task<T> UseCasesAsync<T>(Func<IUseCases, Task<T>> call)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IUseCases>());
    }

    /// <summary>One browser for the class, launched on first use; each test takes its own context (cookies, viewport).</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        await _browserLock.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();

            // Playwright passes --no-sandbox itself (chromiumSandbox defaults to false), which chromium needs as root in a container.
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
            return _browser;
        }
        finally
        {
            _browserLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _browserLock.Dispose();
        await Host.DisposeAsync();
    }
}
