using System.Diagnostics.CodeAnalysis;

namespace Payouts.Application.Payouts;

/// <summary>
/// Seed 001's rule for the URLs a merchant gives us (redirectUrl, webhookUrl, the default webhook): absolute,
/// "Must be HTTPS", at most 2 KB. <see cref="PayoutPolicy.AllowHttpLoopbackUrls"/> also lets plain http reach this
/// machine, so that a developer's local receiver needs no certificate; it is on only in Development.
/// </summary>
public static class MerchantUrls
{
    public static readonly string Rule = $"must be an absolute https URL of at most {PayoutLimits.MaxUrlLength} characters";

    /// <summary>Whether <paramref name="url"/> keeps the rule; if it does, <paramref name="parsed"/> is it, parsed.</summary>
    public static bool TryParse(string url, PayoutPolicy policy, [NotNullWhen(true)] out Uri? parsed)
    {
        parsed = null;
        return url.Length <= PayoutLimits.MaxUrlLength
            && Uri.TryCreate(url, UriKind.Absolute, out parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || (policy.AllowHttpLoopbackUrls && parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback));
    }
}
