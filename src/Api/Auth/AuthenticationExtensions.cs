using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Payouts.Api.Auth;

public static class AuthenticationExtensions
{
    /// <summary>
    /// The "Bearer" scheme as the default, configured from section "Auth". Throws (InvalidOperationException
    /// saying which setting) when that configuration could never validate a token, e.g. no signing key:
    /// checked here so such a service stops before the host is built or any database is touched.
    /// </summary>
    public static IServiceCollection AddPayoutsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JwtAuthenticationOptions.SectionName);
        _ = new BearerTokenValidator(section.Get<JwtAuthenticationOptions>() ?? new JwtAuthenticationOptions(), TimeProvider.System);
        services.AddAuthentication(JwtAuthenticationOptions.Scheme)
            .AddScheme<JwtAuthenticationOptions, JwtAuthenticationHandler>(JwtAuthenticationOptions.Scheme, section.Bind);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new BearerTokenValidator(
            sp.GetRequiredService<IOptionsMonitor<JwtAuthenticationOptions>>().Get(JwtAuthenticationOptions.Scheme),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Authentication, to run before <c>UseGrpcServer()</c>. It only fills <c>HttpContext.User</c>; handlers
    /// decide with RequireCaller. The validator is resolved now so the first call does not pay for loading keys.
    /// </summary>
    public static IApplicationBuilder UsePayoutsAuthentication(this IApplicationBuilder app)
    {
        app.ApplicationServices.GetRequiredService<BearerTokenValidator>();
        return app.UseAuthentication();
    }
}
