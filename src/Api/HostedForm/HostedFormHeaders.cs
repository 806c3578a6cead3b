namespace Payouts.Api.HostedForm;

/// <summary>The headers every hosted form response carries, whatever its status.</summary>
public static class HostedFormHeaders
{
    /// <summary>
    /// The page holds a bearer link and personal data: never cached, never framed (clickjacking), the token in
    /// the URL never sent on as a Referer, and nothing runs or loads but the inline style and posts to us
    /// (and to the merchant's return origin, which the submission redirects to).
    /// </summary>
    public static void Apply(HttpResponse response, Uri? redirectOrigin = null)
    {
        var formAction = redirectOrigin is null ? "'self'" : "'self' " + redirectOrigin.GetLeftPart(UriPartial.Authority);
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
    }
}
