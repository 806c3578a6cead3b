namespace Payouts.Infrastructure.Providers.Tipalti;

internal static class TipaltiRegistration
{
    /// <summary>The Tipalti adapter, configured from "Providers:Tipalti". Not yet written: see issue #4.</summary>
    public static IServiceCollection AddTipalti(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
