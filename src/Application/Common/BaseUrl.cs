namespace Payouts.Application.Common;

/// <summary>
/// What a configured base URL must be for <c>new Uri(baseUrl, "relative")</c> to land under it: absolute http(s) and
/// ending in '/' (without it the last segment is replaced, and links point one level up).
/// </summary>
public static class BaseUrl
{
    public const string Rule = "must be an absolute http or https URL ending in '/'";

    public static bool IsValid(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.AbsolutePath.EndsWith('/');
}
