using Microsoft.Extensions.Options;
using Payouts.Application.Common;

namespace Payouts.Infrastructure.Providers.Common;

internal static class ProviderHttpRegistration
{
    /// <summary>
    /// A typed HttpClient for one provider, behind that provider's own resilience pipeline (one circuit
    /// per provider, shared by all its calls), with options bound from <paramref name="section"/>.
    /// </summary>
    public static IHttpClientBuilder AddProviderHttpClient<TClient, TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TClient : class
        where TOptions : ProviderHttpOptions
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section))
            .Validate(o => BaseUrl.IsValid(o.BaseUrl), $"{section}:BaseUrl {BaseUrl.Rule}.")
            .ValidateIntervals(section, positive: nameof(ProviderHttpOptions.AttemptTimeout))
            .Validate(o => o.MaxRetries >= 0, $"{section}:MaxRetries must not be negative.")
            .Validate(o => o.FailureRatio is > 0 and <= 1, $"{section}:FailureRatio must be above 0 and at most 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ProviderPipeline<TClient>(ResilienceHandler.BuildPipeline(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        return services
            .AddHttpClient<TClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                http.BaseAddress = options.BaseUrl;

                // The pipeline times each attempt; this only backstops a retried sequence.
                http.Timeout = (options.AttemptTimeout * (options.MaxRetries + 1)) + TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(sp.GetRequiredService<ProviderPipeline<TClient>>().Pipeline))

            // The dispatcher holds its clients for the life of the process: connections are renewed so DNS changes are seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }
}

/// <summary>One provider's pipeline, a singleton so its circuit breaker sees every call.</summary>
internal sealed record ProviderPipeline<TClient>(Polly.ResiliencePipeline<HttpResponseMessage> Pipeline);
