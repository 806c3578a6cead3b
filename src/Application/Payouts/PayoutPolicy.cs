using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts;

/// <summary>Merchant payouts' settings, bound from the "Payouts" configuration section.</summary>
public sealed class PayoutPolicy
{
    public const string SectionName = "Payouts";

    /// <summary>Where recipients reach the hosted form: the service's public HTTP address.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080/");

    /// <summary>How long the hosted form link works after the payout is created.</summary>
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a create sent without an Idempotency-Key is recognised by its content: the same request (every field,
    /// per merchant) within this window answers the payout the first one created, 200 instead of 201, as seed 001
    /// promises ("the same or no Idempotency-Key"). Zero turns it off; a merchant who means two identical payouts
    /// sends a key (or an externalId) with each.
    /// </summary>
    public TimeSpan ContentReplayWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Development only: accept http:// redirect and webhook URLs that point at this machine (localhost, 127.0.0.1,
    /// [::1]), so a local webhook receiver works without a certificate. Seed 001 requires https everywhere else.
    /// </summary>
    public bool AllowHttpLoopbackUrls { get; set; }

    /// <summary>
    /// The currencies each provider pays (comma-separated ISO codes); a provider not listed is not restricted.
    /// Tupay pays PEN and USD (seed 003); PayPal the currencies its Payouts API holds, without BRL, which its
    /// sandbox refuses as a non-holding currency (PROVIDERS.md 1.2.4).
    /// </summary>
    public Dictionary<Provider, string> ProviderCurrencies { get; set; } = new()
    {
        [Provider.Tupay] = "PEN,USD",
        [Provider.PayPal] = "AUD,CAD,CHF,CNY,CZK,DKK,EUR,GBP,HKD,HUF,ILS,JPY,MXN,MYR,NOK,NZD,PHP,PLN,SEK,SGD,THB,TWD,USD",
    };

    /// <summary>Whether <paramref name="provider"/> can pay an amount in <paramref name="currency"/>.</summary>
    public bool Pays(Provider provider, string currency) =>
        !ProviderCurrencies.TryGetValue(provider, out var listed)
        || listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(currency, StringComparer.Ordinal);
}
