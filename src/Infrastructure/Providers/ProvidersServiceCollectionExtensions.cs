using Payouts.Infrastructure.Providers.PayPal;
using Payouts.Infrastructure.Providers.Payoneer;
using Payouts.Infrastructure.Providers.Tipalti;
using Payouts.Infrastructure.Providers.Tupay;

namespace Payouts.Infrastructure.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>Every provider adapter, each configured from its own section under "Providers".</summary>
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPayPal(configuration);
        services.AddPayoneer(configuration);
        services.AddTipalti(configuration);
        services.AddTupay(configuration);
        return services;
    }
}
