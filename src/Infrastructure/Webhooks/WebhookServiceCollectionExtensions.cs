using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payouts.Application.Common;
using Payouts.Application.Webhooks;

namespace Payouts.Infrastructure.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="WebhookEvents"/> (to queue webhooks) and the sender, run in the background unless
    /// "Webhooks:Enabled" is false. The host must also register an <see cref="IMerchantSigningKeys"/>.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateIntervals(
                WebhookOptions.SectionName,
                positive: [nameof(WebhookOptions.Timeout), nameof(WebhookOptions.MaxAge), nameof(WebhookOptions.BaseBackoff), nameof(WebhookOptions.IdleDelay), nameof(WebhookOptions.InFlightLease)])
            .Validate(o => o.MaxBackoff >= o.BaseBackoff, "Webhooks:MaxBackoff must be at least Webhooks:BaseBackoff.")
            .Validate(o => o.InFlightLease > o.Timeout, "Webhooks:InFlightLease must be longer than Webhooks:Timeout: an attempt must end before another sender may take its delivery.")
            .Validate(o => o.Concurrency >= 1, "Webhooks:Concurrency must be at least 1.")
            .Validate(o => string.IsNullOrEmpty(o.TrustedCertificatePath) || File.Exists(o.TrustedCertificatePath), "Webhooks:TrustedCertificatePath names no file.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookEvents>();
        services
            .AddHttpClient<WebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt itself
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<WebhookOptions>();
                return new SocketsHttpHandler
                {
                    // A redirect is not a delivery: following one would send a signed body to a URL the merchant never registered.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    SslOptions = TrustedCertificate.ValidationFor(options.TrustedCertificatePath),
                    ConnectCallback = (context, cancellationToken) => PublicAddressConnector.ConnectAsync(context, options.AllowPrivateNetworks, cancellationToken),
                };
            })

            // The default handler logs request URLs, and a merchant may put a secret in theirs.
            .RemoveAllLoggers();

        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        return services;
    }
}
