using Microsoft.Extensions.DependencyInjection.Extensions;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tipalti;

internal static class TipaltiRegistration
{
    /// <summary>The Tipalti adapter (SOAP API, ADR-003), configured from "Providers:Tipalti".</summary>
    public static IServiceCollection AddTipalti(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddProviderHttpClient<TipaltiSoapClient, TipaltiOptions>(configuration, "Providers:Tipalti");
        services.AddTransient<TipaltiPayoutProvider>();
        services.AddTransient<TipaltiPayeeRegistry>();
        services.AddTransient<TipaltiNotificationVerifier>();
        services.AddTransient<IPayoutProvider>(sp => sp.GetRequiredService<TipaltiPayoutProvider>());
        services.AddTransient<IPayeeRegistry>(sp => sp.GetRequiredService<TipaltiPayeeRegistry>());
        services.AddTransient<INotificationVerifier>(sp => sp.GetRequiredService<TipaltiNotificationVerifier>());
        return services;
    }
}
