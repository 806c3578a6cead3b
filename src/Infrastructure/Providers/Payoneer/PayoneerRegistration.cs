namespace Payouts.Infrastructure.Providers.Payoneer;

internal static class PayoneerRegistration
{
    /// <summary>The Payoneer adapter, configured from "Providers:Payoneer". Not yet written: see issue #4.</summary>
    public static IServiceCollection AddPayoneer(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
