namespace Payouts.Api.Auth;

/// <summary>One token-signing key (configuration "Auth:Keys:n"): exactly one of the secret or the public key.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The <c>kid</c> tokens name in their header; several keys with their ids let keys rotate.</summary>
    public string? KeyId { get; set; }

    /// <summary>HS256 shared secret, base64, at least 256 bits.</summary>
    public string? SecretBase64 { get; set; }

    /// <summary>RS256 (RSA, 2048 bits or more) or ES256 (P-256) public key as PEM: "BEGIN PUBLIC KEY" or "BEGIN RSA PUBLIC KEY".</summary>
    public string? PublicKeyPem { get; set; }
}
