using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

public static class AuthenticationExtensions
{
    /// <summary>The default scheme: it forwards each request to JwtBearer or to merchant tokens by the token's form.</summary>
    public const string Scheme = "Payouts";

    /// <summary>The algorithms a JWT may be signed with; anything else (none, HS512, RSA-PSS...) is refused.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>
    /// Far beyond any token we issue (the home-made validator's limit too). IdentityModel's default, 250 KB, bounds
    /// nothing here: Kestrel's header limits (16 KiB and up) would decide how much any request makes us decode and parse.
    /// </summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>
    /// JWTs through JwtBearer (users and services), merchant tokens (<c>tk_...</c>, Bearer or Basic) through <see cref="MerchantTokenHandler"/>.
    /// Settings that could never validate a token stop start-up naming the setting: the "Auth" section is validated, and
    /// JwtBearer's options, where the configured keys become signing keys (<see cref="SigningKeys"/>), are built then too.
    /// Nothing here challenges: a call without a valid token reaches its handler anonymous, and the handler answers
    /// UNAUTHENTICATED with the seed's text (<see cref="CallerExtensions"/>), while health and reflection need no token.
    /// </summary>
    public static IServiceCollection AddPayoutsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthSettings>().Bind(configuration.GetSection(AuthSettings.SectionName))
            .Validate(s => !string.IsNullOrWhiteSpace(s.Issuer), "Auth:Issuer is required: tokens are only accepted from one issuer, for one audience.")
            .Validate(s => !string.IsNullOrWhiteSpace(s.Audience), "Auth:Audience is required: tokens are only accepted from one issuer, for one audience.")
            .Validate(s => s.ClockSkewSeconds is >= 0 and <= 300, "Auth:ClockSkewSeconds must be between 0 and 300.")
            .Validate(s => s.CacheCapacity >= 1, "Auth:CacheCapacity must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JwtRefusalLog>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "JWT or merchant token", o => o.ForwardDefaultSelector = http =>
                MerchantCredentials.Of(http.Request) is null ? JwtBearerDefaults.AuthenticationScheme : MerchantTokenHandler.SchemeName)
            .AddJwtBearer(o =>
            {
                // Claims keep their JWT names (sub, scope), not WS-Federation URIs.
                o.MapInboundClaims = false;
                o.EventsType = typeof(JwtRefusalLog);
            })
            .AddScheme<AuthenticationSchemeOptions, MerchantTokenHandler>(MerchantTokenHandler.SchemeName, null);
        WithoutDataProtectionWarmUp(services);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthSettings>>((o, auth) =>
            {
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new CachingJsonWebTokenHandler(auth.Value.CacheCapacity, TimeProvider.System) { MaximumTokenSizeInBytes = MaxTokenLength });
                o.TokenValidationParameters = ValidationParameters(auth.Value);
            })
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// AddAuthentication brings data protection, for cookie schemes, and its hosted service, which loads the key ring at
    /// start-up: it reads, and the first time creates, a key file under $HOME, unencrypted on Linux. No scheme of ours
    /// protects anything, so no replica should keep key material it never uses; one that did would load the ring on first use.
    /// </summary>
    private static void WithoutDataProtectionWarmUp(IServiceCollection services)
    {
        var dataProtection = typeof(DataProtectionOptions).Assembly;
        var warmUp = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToList();
        warmUp.ForEach(d => services.Remove(d));
    }

    /// <summary>
    /// What a JWT must be: signed (never alg none) with the configured key its kid names and an allowed algorithm, from our issuer,
    /// for our audience, with an exp, and within its lifetime give or take the configured skew. Encrypted tokens (JWE)
    /// are refused because no decryption key is ever configured.
    /// </summary>
    internal static TokenValidationParameters ValidationParameters(AuthSettings settings) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKeys = SigningKeys.Load(settings.Keys),
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,

        // A token names its key by kid; one that names no configured key is refused rather than tried against
        // every key, so retiring a kid retires its tokens.
        TryAllIssuerSigningKeys = false,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
        NameClaimType = CallerClaims.Subject,
    };
}
