namespace Payouts.Application.CashoutMethods;

/// <summary>How account links are made; bound from the "Links" configuration section.</summary>
public sealed class LinkPolicy
{
    /// <summary>Our public HTTP endpoint providers send the user back to; the provider name is appended.</summary>
    public Uri CallbackBaseUrl { get; set; } = new("http://localhost:8080/cashout/link/callback/");

    /// <summary>HMAC key (base64, at least 32 bytes) that signs the link state; required to start a link.</summary>
    public string StateKey { get; set; } = "";

    /// <summary>How long a user has to finish linking at the provider.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public Uri CallbackUrlFor(string provider) => new(CallbackBaseUrl, provider);
}
