using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payouts.Application.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods;

/// <summary>
/// The <c>state</c> we hand to a provider and get back on the callback: who is linking which provider,
/// until when, signed so a callback cannot be forged or pointed at another user's account. Its nonce is
/// also stored with the pending method, so each state completes one link, once.
/// </summary>
public sealed class LinkState(LinkPolicy policy, TimeProvider clock)
{
    private readonly byte[] _key = policy.StateKeyBytes();

    public IssuedLinkState Issue(string callerId, Provider provider)
    {
        var expires = clock.GetUtcNow().Add(policy.StateLifetime).ToUnixTimeSeconds();
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(string.Join('\n', callerId, ProviderNames.Of(provider), expires.ToString(CultureInfo.InvariantCulture), nonce)));
        return new IssuedLinkState(payload + "." + Base64Url.Encode(Sign(payload)), nonce);
    }

    /// <summary>Who the state was issued to, with its nonce; null if it is forged, for another provider or expired.</summary>
    public IssuedLinkState.Holder? Verify(string? state, Provider provider)
    {
        var dot = state?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (state is null || dot <= 0)
        {
            return null;
        }

        var payload = state[..dot];
        if (!Base64Url.TryDecode(state[(dot + 1)..], out var signature) || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload))
            || !Base64Url.TryDecode(payload, out var bytes))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('\n');
        return parts.Length == 4 && parts[1] == ProviderNames.Of(provider)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeSeconds() <= expires
            ? new IssuedLinkState.Holder(parts[0], parts[3])
            : null;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));

}

/// <param name="Value">The signed state for the provider's redirect.</param>
/// <param name="Nonce">Stored with the pending method; the callback must bring it back while it is still there.</param>
public sealed record IssuedLinkState(string Value, string Nonce)
{
    public sealed record Holder(string CallerId, string Nonce);
}
