namespace Payouts.Infrastructure.Providers.Tupay;

internal static class TupayRegistration
{
    /// <summary>The Tupay adapter, configured from "Providers:Tupay". Not yet written: see issue #4.</summary>
    public static IServiceCollection AddTupay(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
