using Microsoft.Extensions.DependencyInjection.Extensions;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Payoneer;

internal static class PayoneerRegistration
{
    /// <summary>The Payoneer adapter, configured from "Providers:Payoneer": payouts, registration-link linking, release, IPCN.</summary>
    public static IServiceCollection AddPayoneer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProviderHttpClient<PayoneerApiClient, PayoneerOptions>(configuration, "Providers:Payoneer");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PayoneerTokenCache>();
        services.AddSingleton<IpcnReplayCache>();

        services.AddTransient<IPayoutProvider, PayoneerPayoutProvider>();
        services.AddTransient<PayoneerLinkProvider>();
        services.AddTransient<IRedirectLinkProvider>(sp => sp.GetRequiredService<PayoneerLinkProvider>());
        services.AddTransient<IUnlinkProvider>(sp => sp.GetRequiredService<PayoneerLinkProvider>());
        services.AddSingleton<INotificationVerifier, PayoneerNotificationVerifier>();
        return services;
    }
}
