namespace Payouts.Infrastructure.Providers.PayPal;

internal static class PayPalRegistration
{
    /// <summary>The PayPal adapter, configured from "Providers:PayPal". Not yet written: see issue #4.</summary>
    public static IServiceCollection AddPayPal(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
