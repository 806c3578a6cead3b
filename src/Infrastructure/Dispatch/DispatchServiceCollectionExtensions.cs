using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payouts.Application.Common;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.HostedForm;

namespace Payouts.Infrastructure.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>The dispatcher and its background worker, which does nothing when "Dispatch:Enabled" is false.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchPolicy>().Bind(configuration.GetSection(DispatchPolicy.SectionName))
            .ValidateIntervals(
                DispatchPolicy.SectionName,
                positive: [nameof(DispatchPolicy.PollInterval), nameof(DispatchPolicy.MaxPollInterval), nameof(DispatchPolicy.BaseBackoff),
                    nameof(DispatchPolicy.WatchInterval), nameof(DispatchPolicy.InFlightLease), nameof(DispatchPolicy.IdleDelay)])
            .Validate(p => p.MaxBackoff >= p.BaseBackoff, "Dispatch:MaxBackoff must be at least Dispatch:BaseBackoff.")
            .Validate(p => p.Concurrency >= 1, "Dispatch:Concurrency must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DispatchPolicy>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PayoutDispatcher>();
        services.AddSingleton<HostedFormExpiry>();
        services.AddHostedService<DispatchWorker>();
        return services;
    }
}
