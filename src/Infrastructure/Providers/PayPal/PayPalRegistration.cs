using Microsoft.Extensions.DependencyInjection.Extensions;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.PayPal;

internal static class PayPalRegistration
{
    /// <summary>The PayPal adapter, configured from "Providers:PayPal": payouts, webhook verification and account linking.</summary>
    public static IServiceCollection AddPayPal(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // One token for the whole process, whichever transient client asks.
        services.AddKeyedSingleton<AccessTokenCache>("paypal");
        services.AddProviderHttpClient<PayPalApiClient, PayPalOptions>(configuration, PayPalOptions.Section);
        services.AddTransient<IPayoutProvider, PayPalPayouts>();
        services.AddTransient<INotificationVerifier, PayPalWebhookVerifier>();
        services.AddTransient<IRedirectLinkProvider, PayPalAccountLinking>();
        return services;
    }
}
