using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tupay;

internal static class TupayRegistration
{
    /// <summary>The Tupay adapter, configured from "Providers:Tupay".</summary>
    public static IServiceCollection AddTupay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProviderHttpClient<TupayClient, TupayOptions>(configuration, "Providers:Tupay");

        // Transient like the typed HttpClient it wraps, so the client factory can rotate handlers.
        services.AddTransient<TupayPayoutProvider>();
        services.AddTransient<IPayoutProvider>(sp => sp.GetRequiredService<TupayPayoutProvider>());
        services.AddSingleton<TupayNotificationVerifier>();
        services.AddSingleton<INotificationVerifier>(sp => sp.GetRequiredService<TupayNotificationVerifier>());
        return services;
    }
}
