using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>"Providers:PayPal". Credentials have no defaults: a call made without them fails with "not_configured".</summary>
internal sealed class PayPalOptions : ProviderHttpOptions
{
    public const string Section = "Providers:PayPal";

    /// <summary>The REST app's client id (Developer Dashboard).</summary>
    public string? ClientId { get; set; }

    /// <summary>The REST app's secret; sent only as HTTP Basic credentials to the token endpoint.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Our webhook's id in the Dashboard; PayPal's signature covers it, so verification needs it.</summary>
    public string? WebhookId { get; set; }

    /// <summary>
    /// Where the user's browser goes to consent ("Log in with PayPal"). PayPal serves it on a different host than
    /// the API (https://www.paypal.com/signin/authorize); a relative value is resolved against
    /// <see cref="ProviderHttpOptions.BaseUrl"/>, which only our sandbox serves.
    /// </summary>
    public Uri AuthorizeUrl { get; set; } = new("signin/authorize", UriKind.Relative);

    /// <summary>Space-separated; paypalattributes is the scope that releases the payer_id we pay to.</summary>
    public string Scopes { get; set; } = "openid email https://uri.paypal.com/services/paypalattributes";

    /// <summary>A token is replaced this long before PayPal says it expires (at most half its lifetime before).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    public Uri ResolvedAuthorizeUrl => AuthorizeUrl.IsAbsoluteUri ? AuthorizeUrl : new Uri(BaseUrl, AuthorizeUrl);

    public bool HasClientCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
