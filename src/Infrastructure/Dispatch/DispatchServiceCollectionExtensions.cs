using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>The dispatcher and its background worker, which does nothing when "Dispatch:Enabled" is false.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchPolicy>().Bind(configuration.GetSection(DispatchPolicy.SectionName))
            .Validate(p => p.PollInterval > TimeSpan.Zero, "Dispatch:PollInterval must be positive.")
            .Validate(p => p.MaxPollInterval > TimeSpan.Zero, "Dispatch:MaxPollInterval must be positive.")
            .Validate(p => p.BaseBackoff > TimeSpan.Zero, "Dispatch:BaseBackoff must be positive.")
            .Validate(p => p.MaxBackoff >= p.BaseBackoff, "Dispatch:MaxBackoff must be at least Dispatch:BaseBackoff.")
            .Validate(p => p.WatchInterval > TimeSpan.Zero, "Dispatch:WatchInterval must be positive.")
            .Validate(p => p.WatchWindow >= TimeSpan.Zero, "Dispatch:WatchWindow must not be negative.")
            .Validate(p => p.InFlightLease > TimeSpan.Zero, "Dispatch:InFlightLease must be positive.")
            .Validate(p => p.IdleDelay > TimeSpan.Zero, "Dispatch:IdleDelay must be positive.")
            .Validate(p => p.Concurrency >= 1, "Dispatch:Concurrency must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DispatchPolicy>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        UnitOfWork.AddBackgroundSingleton<PayoutDispatcher>(services);
        UnitOfWork.AddBackgroundSingleton<HostedFormExpiry>(services);
        services.AddHostedService<DispatchWorker>();
        return services;
    }
}
