using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Payouts.Infrastructure.Webhooks;

/// <summary>TLS settings for merchant endpoints: the system's trust, plus one pinned certificate if configured.</summary>
internal static class TrustedCertificate
{
    public static SslClientAuthenticationOptions ValidationFor(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new SslClientAuthenticationOptions();
        }

        var pinned = X509CertificateLoader.LoadCertificateFromFile(path);
        return new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(pinned.GetCertHash())),
        };
    }
}
