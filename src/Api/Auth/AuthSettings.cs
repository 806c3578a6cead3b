namespace Payouts.Api.Auth;

/// <summary>How bearer JWTs are validated, bound from configuration section "Auth".</summary>
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

    /// <summary>The settings, or why they could never validate a token (a missing issuer, a bad skew).</summary>
    public static AuthSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<AuthSettings>() ?? new AuthSettings();
        Require(settings.Issuer, "Auth:Issuer");
        Require(settings.Audience, "Auth:Audience");
        if (settings.ClockSkewSeconds is < 0 or > 300)
        {
            throw new InvalidOperationException($"Auth:ClockSkewSeconds is {settings.ClockSkewSeconds}; it must be between 0 and 300.");
        }

        return settings;
    }

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{key} is required: tokens are only accepted from one issuer, for one audience.");
        }
    }
}
