using System.Security.Cryptography;
using System.Text;

namespace Payouts.Application.Merchants;

/// <summary>
/// A merchant's API token (seed 001's <c>tk_test_...</c>). Only <see cref="TokenHash"/> is stored: the token
/// itself is shown once, when created, and a presented token is recognised by its hash.
/// </summary>
public sealed record MerchantToken(string Id, string MerchantId, string TokenHash, IReadOnlySet<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>May create and cancel payouts (seed 001's "Payout" checkbox).</summary>
    public const string PayoutPermission = "payout";

    public static readonly IReadOnlySet<string> KnownPermissions = new HashSet<string>(StringComparer.Ordinal) { PayoutPermission };

    /// <summary>Every merchant token starts with this, which is how authentication tells it from a JWT.</summary>
    public const string Prefix = "tk_";

    public bool IsActive => RevokedAt is null;

    /// <summary>A new token: "tk_test_" or "tk_live_", then 192 random bits in hex (one word to copy).</summary>
    public static string NewSecret(string mode) => $"{Prefix}{mode}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";

    /// <summary>Lowercase hex SHA-256 of the token's UTF-8 bytes; also the webhook signing key (see IMerchantSigningKeys).</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public interface IMerchantTokenReader
{
    Task<MerchantToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<MerchantToken>> ListAsync(string merchantId, CancellationToken cancellationToken);
}
