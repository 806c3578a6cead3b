using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

/// <summary>
/// Turns configured keys into IdentityModel keys, refusing at start-up anything that would only fail
/// later per request: no key, no kid, weak secrets, private keys, curves that are not ES256's.
/// </summary>
internal static class SigningKeys
{
    public const string NoKeyMessage =
        "Auth: no token signing key is configured, so no caller could ever authenticate. " +
        "Give Auth:Keys:0:KeyId plus Auth:Keys:0:PublicKeyPem (RS256/ES256) or Auth:Keys:0:SecretBase64 (HS256), " +
        "e.g. as environment variables Auth__Keys__0__KeyId and Auth__Keys__0__PublicKeyPem from the secret store. " +
        "The development key is only in appsettings.Development.json (ASPNETCORE_ENVIRONMENT=Development).";

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public static IReadOnlyList<SecurityKey> Load(IList<SigningKeyOptions> configured)
    {
        if (configured.Count == 0)
        {
            throw Invalid(NoKeyMessage);
        }

        var keys = new List<SecurityKey>(configured.Count);
        for (var i = 0; i < configured.Count; i++)
        {
            var key = Load(configured[i], $"Auth:Keys:{i}");
            if (keys.Exists(k => k.KeyId == key.KeyId))
            {
                throw Invalid($"Auth:Keys:{i}:KeyId '{key.KeyId}' is used by another key; a kid must name one key.");
            }

            keys.Add(key);
        }

        return keys;
    }

    private static SecurityKey Load(SigningKeyOptions options, string path)
    {
        if (string.IsNullOrWhiteSpace(options.KeyId))
        {
            throw Invalid($"{path}:KeyId is required: tokens name their key by kid, which is how keys rotate.");
        }

        var hasSecret = !string.IsNullOrWhiteSpace(options.SecretBase64);
        if (hasSecret == !string.IsNullOrWhiteSpace(options.PublicKeyPem))
        {
            throw Invalid($"{path} needs exactly one of SecretBase64 (HS256) and PublicKeyPem (RS256, ES256).");
        }

        var key = hasSecret ? Secret(options.SecretBase64!, path) : PublicKey(options.PublicKeyPem!, path);
        key.KeyId = options.KeyId;
        return key;
    }

    private static SymmetricSecurityKey Secret(string base64, string path)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var length))
        {
            throw Invalid($"{path}:SecretBase64 is not valid base64.");
        }

        // HS256 is only as strong as its secret; shorter ones can be brute-forced from one token.
        return length >= 32
            ? new SymmetricSecurityKey(bytes[..length])
            : throw Invalid($"{path}:SecretBase64 has {length * 8} bits; HS256 needs at least 256.");
    }

    private static SecurityKey PublicKey(string pem, string path)
    {
        try
        {
            return ReadPublicKey(pem, path);
        }
        catch (CryptographicException ex)
        {
            throw Invalid($"{path}:PublicKeyPem could not be read: {ex.Message}");
        }
    }

    private static SecurityKey ReadPublicKey(string pem, string path)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw Invalid($"{path}:PublicKeyPem is not PEM (-----BEGIN PUBLIC KEY----- ...).");
        }

        var label = pem[fields.Label];
        if (label == "RSA PUBLIC KEY")
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return Rsa(rsa, path);
        }

        if (label != "PUBLIC KEY")
        {
            throw Invalid(
                $"{path}:PublicKeyPem holds a '{label}'; only public keys belong in the service's configuration.");
        }

        var info = System.Security.Cryptography.X509Certificates.PublicKey.CreateFromSubjectPublicKeyInfo(
            Convert.FromBase64String(pem[fields.Base64Data]), out _);
        return info.Oid.Value switch
        {
            RsaOid => Rsa(info.GetRSAPublicKey()!, path),
            EcOid => P256(info.GetECDsaPublicKey()!, path),
            var oid => throw Invalid($"{path}:PublicKeyPem is neither RSA nor EC (algorithm {oid})."),
        };
    }

    private static RsaSecurityKey Rsa(RSA rsa, string path) => rsa.KeySize >= 2048
        ? new RsaSecurityKey(rsa)
        : throw Invalid($"{path}:PublicKeyPem is a {rsa.KeySize}-bit RSA key; RS256 needs at least 2048 bits.");

    private static ECDsaSecurityKey P256(ECDsa ecdsa, string path) => ecdsa.KeySize == 256
        ? new ECDsaSecurityKey(ecdsa)
        : throw Invalid($"{path}:PublicKeyPem is a {ecdsa.KeySize}-bit EC key; ES256 needs P-256.");

    // A settings error like those of the options' validation: start-up says it in one line (Program), not as a crash.
    private static OptionsValidationException Invalid(string message) => new(AuthSettings.SectionName, typeof(AuthSettings), [message]);
}
