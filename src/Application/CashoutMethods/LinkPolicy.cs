using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods;

/// <summary>How account links are made; bound from the "Links" configuration section.</summary>
public sealed class LinkPolicy
{
    public const string SectionName = "Links";

    public const string StateKeyRule = "Links:StateKey must be a base64 key of at least 32 bytes: it signs link states and hosted-form links";

    /// <summary>Our public HTTP endpoint providers send the user back to; the provider name is appended.</summary>
    public Uri CallbackBaseUrl { get; set; } = new("http://localhost:8080/cashout/link/callback/");

    /// <summary>HMAC key (base64, at least 32 bytes) that signs the link state; required to start a link.</summary>
    public string StateKey { get; set; } = "";

    /// <summary>How long a user has to finish linking at the provider.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public Uri CallbackUrlFor(Provider provider) => new(CallbackBaseUrl, ProviderNames.Of(provider));

    /// <summary>Whether <see cref="StateKey"/> is a real secret (start-up refuses anything else).</summary>
    public bool HasUsableStateKey => DecodedStateKey().Length >= 32;

    /// <summary>The state key's bytes; fails unless it is a real secret, since with an empty one every state and form link could be forged.</summary>
    public byte[] StateKeyBytes() => HasUsableStateKey ? DecodedStateKey() : throw new InvalidOperationException(StateKeyRule + ".");

    private byte[] DecodedStateKey()
    {
        var buffer = new byte[StateKey.Length];
        return Convert.TryFromBase64String(StateKey, buffer, out var length) ? buffer[..length] : [];
    }
}
