using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// "Providers:Payoneer". Credentials have no defaults: a call without them fails and names the missing key.
/// Properties marked UNKNOWN hold choices PROVIDERS.md §2 could not settle from Payoneer's public material;
/// check them against the real API before production.
/// </summary>
public sealed class PayoneerOptions : ProviderHttpOptions
{
    public string? ProgramId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// Payoneer's OAuth server is not under the API base (production: https://login.payoneer.com/api/v2/oauth2/token).
    /// The relative default resolves against <see cref="ProviderHttpOptions.BaseUrl"/>, which is where our sandbox serves it.
    /// </summary>
    public Uri OAuthTokenUrl { get; set; } = new("oauth2/token", UriKind.Relative);

    public string OAuthScope { get; set; } = "read write";

    /// <summary>A cached token is replaced this long before it expires, so no call goes out with a token about to lapse.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The shared secret Payoneer provisions for IPCN hmacauth.</summary>
    public string? IpcnSecret { get; set; }

    /// <summary>"Webhook-IPCNSender-sandbox" or "Webhook-IPCNSender-production".</summary>
    public string IpcnAppName { get; set; } = "Webhook-IPCNSender-sandbox";

    /// <summary>How far an IPCN timestamp may be from our clock.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many IPCN nonces the in-memory replay cache holds (per service instance).</summary>
    public int ReplayCacheCapacity { get; set; } = 100_000;

    /// <summary>Registration-link already_have_an_account: true shows Payoneer's sign-in page instead of sign-up.</summary>
    public bool AlreadyHaveAnAccount { get; set; }

    /// <summary>
    /// UNKNOWN: the error sub_code with which Payoneer refuses a reused client_reference_id. A submission refused
    /// with it is adopted (looked up, then Accepted). Null: no error is taken to mean "duplicate".
    /// </summary>
    public int? DuplicateReferenceSubCode { get; set; } = 2301;

    /// <summary>UNKNOWN: the payout status string Payoneer reports once paid money has come back.</summary>
    public string ReturnedStatus { get; set; } = "Payment Returned";
}
