using System.Net;
using Microsoft.Extensions.Configuration;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Durable;

/// <summary>
/// The service's four adapters, configured with the sandboxes' credentials against a sandbox server at any URL (in
/// this process or in a process of its own), and what each needs to pay someone: a payer id, a registered Payoneer
/// payee, a Tipalti payee, a Peruvian bank account.
/// </summary>
public sealed class ProviderAdapters : IAsyncDisposable
{
    public static readonly string[] Names = ["paypal", "payoneer", "tipalti", "tupay"];

    private readonly ServiceProvider _services;

    /// <param name="sandbox">The sandboxes' settings: their credentials, and where they post notifications (Tupay's adapter names it per cashout).</param>
    public ProviderAdapters(Uri sandboxBaseUrl, SandboxSettings sandbox)
    {
        string Base(string provider) => new Uri(sandboxBaseUrl, provider + "/").ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:PayPal:BaseUrl"] = Base("paypal"),
            ["Providers:PayPal:ClientId"] = sandbox.PayPal.ClientId,
            ["Providers:PayPal:ClientSecret"] = sandbox.PayPal.ClientSecret,
            ["Providers:PayPal:WebhookId"] = sandbox.PayPal.WebhookId,
            ["Providers:Payoneer:BaseUrl"] = Base("payoneer"),
            ["Providers:Payoneer:ProgramId"] = sandbox.Payoneer.ProgramId,
            ["Providers:Payoneer:ClientId"] = sandbox.Payoneer.ClientId,
            ["Providers:Payoneer:ClientSecret"] = sandbox.Payoneer.ClientSecret,
            ["Providers:Payoneer:IpcnSecret"] = sandbox.Payoneer.IpcnSecret,
            ["Providers:Tipalti:BaseUrl"] = Base("tipalti"),
            ["Providers:Tipalti:PayerName"] = sandbox.Tipalti.PayerName,
            ["Providers:Tipalti:MasterKey"] = sandbox.Tipalti.MasterKey,
            ["Providers:Tipalti:IpnVerifyUrl"] = "notif/ipn.aspx",
            ["Providers:Tupay:BaseUrl"] = Base("tupay"),
            ["Providers:Tupay:Login"] = sandbox.Tupay.Login,
            ["Providers:Tupay:Pass"] = sandbox.Tupay.Pass,
            ["Providers:Tupay:ApiSignature"] = sandbox.Tupay.ApiSignature,
            ["Providers:Tupay:NotificationUrl"] = new Uri(sandbox.NotificationBaseUrl, "tupay").ToString(),
            ["Providers:Tupay:RequireHttpsNotificationUrl"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddProviders(configuration);
        _services = services.BuildServiceProvider();
    }

    /// <param name="provider">Its name, as the sandboxes' paths and record spell it, e.g. "paypal".</param>
    public IPayoutProvider Payouts(string provider) => _services.GetServices<IPayoutProvider>().Single(p => p.Provider == ProviderNames.Parse(provider));

    public INotificationVerifier Verifier(string provider) => _services.GetServices<INotificationVerifier>().Single(v => v.Provider == ProviderNames.Parse(provider));

    /// <summary>Someone <paramref name="provider"/> can pay; a Payoneer payee registers through the link (the sandbox must approve at once).</summary>
    public async Task<PayoutRecipient> RecipientAsync(string provider)
    {
        var id = "payee-" + Guid.NewGuid().ToString("N")[..12];
        switch (provider)
        {
            case "paypal":
                return new ProviderAccount("SBXPAYERQ7LM2");
            case "payoneer":
                var links = _services.GetServices<IRedirectLinkProvider>().Single(p => p.Provider == Provider.Payoneer);
                var link = await links.StartLinkAsync(id, new Uri("https://service.test/cashout/link/callback/payoneer"), "state", CancellationToken.None);
                link.IsSuccess.Should().BeTrue(link.Failure?.Message);
                using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
                using (var registered = await browser.GetAsync(link.Value))
                {
                    registered.StatusCode.Should().Be(HttpStatusCode.Redirect, "the payee registers and goes back to us");
                }

                return new ProviderAccount(id);
            case "tipalti":
                var registry = _services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Provider.Tipalti);
                var payee = new PayeeDetails(id, PayeeType.Individual, "Ana", "Quispe", null, "ana@example.com", new PayeeAddress("Av. Larco 123", null, "Lima", null, "15074", "PE"), null);
                var upserted = await registry.UpsertPayeeAsync(payee, CancellationToken.None);
                upserted.IsSuccess.Should().BeTrue(upserted.Failure?.Message);
                return new ProviderAccount(id);
            default:
                return new PeruvianBankAccount("DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "S");
        }
    }

    /// <summary>Submits through the adapter, which must report it accepted; the instruction comes back with the provider's reference.</summary>
    public async Task<PayoutInstruction> SubmitAsync(string provider, long payoutId, long minor, PayoutRecipient recipient)
    {
        var currency = Currency.From(provider == "tupay" ? "PEN" : "USD").Value;
        var payout = new PayoutInstruction(payoutId, Money.FromMinor(minor, currency), recipient, null, "Cashout");
        var outcome = await Payouts(provider).SubmitAsync(payout, CancellationToken.None);
        var accepted = outcome.Should().BeOfType<SubmitOutcome.Accepted>($"{provider} takes payout {payoutId}").Subject;
        return payout with { ProviderReference = accepted.ProviderReference };
    }

    /// <summary>Polls the adapter until the payout is <paramref name="state"/>; fails with the last state seen after a deadline.</summary>
    public async Task WaitForAsync(string provider, PayoutInstruction payout, ProviderPayoutState state, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            var status = await Payouts(provider).GetStatusAsync(payout, CancellationToken.None);
            if (status.Value?.State == state)
            {
                return;
            }

            last = status.Value?.State.ToString() ?? status.Failure!.Code;
            await Task.Delay(50);
        }

        throw new TimeoutException($"{provider} payout {payout.PayoutId} never became {state}; last: {last}.");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
