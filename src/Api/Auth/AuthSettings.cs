namespace Payouts.Api.Auth;

/// <summary>How bearer JWTs are validated, bound from configuration section "Auth" (checked in <see cref="AuthenticationExtensions"/>).</summary>
public sealed class AuthSettings
{
    public const string SectionName = "Auth";

    /// <summary>The only accepted <c>iss</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The only accepted <c>aud</c>.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>; 0 to 300.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Keys that may have signed a token. Production supplies them from outside the repository.</summary>
    public IList<SigningKeyOptions> Keys { get; } = [];

    /// <summary>How many validated tokens to remember; validating an RSA signature costs tens of µs a call.</summary>
    public int CacheCapacity { get; set; } = 10_000;
}
