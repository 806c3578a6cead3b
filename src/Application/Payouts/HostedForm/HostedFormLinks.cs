using System.Security.Cryptography;
using System.Text;
using Payouts.Application.CashoutMethods;

namespace Payouts.Application.Payouts.HostedForm;

/// <summary>
/// The hosted form's link: "/checkin/pay_&lt;id&gt;.&lt;mac&gt;", where the MAC is an HMAC of the payout id under a
/// server key. Unguessable without the key, yet the same every time it is asked for, so GetPayout and an
/// idempotent replay return the link the merchant already has, and nothing secret is stored in the database.
/// Single use and expiry are enforced by the payout itself (its status and its form deadline).
/// </summary>
public sealed class HostedFormLinks(PayoutPolicy policy, LinkPolicy keys)
{
    private readonly byte[] _key = HMACSHA256.HashData(keys.StateKeyBytes(), "hosted-form-links"u8);

    public Uri UrlFor(long payoutId) => new(policy.PublicBaseUrl, "checkin/" + TokenFor(payoutId));

    public string TokenFor(long payoutId)
    {
        var id = PublicPayoutIds.Format(payoutId);
        return id + "." + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(id)))[..32];
    }

    /// <summary>The payout id a form token stands for, or null if it was not made by us.</summary>
    public long? PayoutIdOf(string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !PublicPayoutIds.TryParse(token![..dot], out var id))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(TokenFor(id))) ? id : null;
    }
}
