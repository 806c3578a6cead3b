using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Tupay's cashout API (PROVIDERS.md section 4), bound from "Providers:Tupay".</summary>
public sealed class TupayOptions : ProviderHttpOptions
{
    /// <summary>The cashout API Key, sent as body "login". No default: a missing value fails every call clearly.</summary>
    public string? Login { get; set; }

    /// <summary>The cashout API Passphrase, sent as body "pass".</summary>
    public string? Pass { get; set; }

    /// <summary>The API Signature: the HMAC key of Payload-Signature and of notification "control"; never sent.</summary>
    public string? ApiSignature { get; set; }

    /// <summary>Our notification endpoint, sent as "notification_url" so Tupay calls us on every status change.</summary>
    public Uri NotificationUrl { get; set; } = new("http://localhost:8080/notifications/tupay");

    /// <summary>
    /// Tupay wants an https notification URL; the development configuration turns this off because the
    /// local endpoint is plain http.
    /// </summary>
    public bool RequireHttpsNotificationUrl { get; set; } = true;

    /// <summary>Fixed characters before external_id in the "control" message; "Be4" is inferred from D24's sample.</summary>
    public string ControlPrefix { get; set; } = "Be4";

    /// <summary>Fixed characters after external_id in the "control" message; "Bo7" is inferred from D24's sample.</summary>
    public string ControlSuffix { get; set; } = "Bo7";

    /// <summary>The country our Tupay account pays out in (ISO 3166-1 alpha-2); a recipient elsewhere is refused.</summary>
    public string Country { get; set; } = "PE";

    /// <summary>Currencies Tupay accepts for <see cref="Country"/>, comma-separated (a string, so configuration replaces rather than appends).</summary>
    public string Currencies { get; set; } = "PEN,USD";

    internal TupayCashoutPolicy Policy => new(
        Country,
        Currencies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        RequireHttpsNotificationUrl);

    /// <summary>The configuration key of the first missing or unusable credential, or null when all are usable.</summary>
    internal string? MissingCredential() =>
        !IsUsable(Login) ? "Providers:Tupay:Login"
        : !IsUsable(Pass) ? "Providers:Tupay:Pass"
        : string.IsNullOrEmpty(ApiSignature) ? "Providers:Tupay:ApiSignature"
        : null;

    // Tupay limits login and pass to 32 characters; a longer one cannot be a real credential.
    private static bool IsUsable(string? credential) => credential is { Length: > 0 and <= 32 };
}
