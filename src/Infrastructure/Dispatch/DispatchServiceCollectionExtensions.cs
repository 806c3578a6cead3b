using Microsoft.Extensions.DependencyInjection.Extensions;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>The dispatcher and, unless "Dispatch:Enabled" is false, its background worker.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Dispatch");
        services.AddSingleton(section.Get<DispatchPolicy>() ?? new DispatchPolicy());
        services.TryAddSingleton(TimeProvider.System);
        UnitOfWork.AddBackgroundSingleton<PayoutDispatcher>(services);
        UnitOfWork.AddBackgroundSingleton<HostedFormExpiry>(services);
        if (section.GetValue("Enabled", true))
        {
            services.AddHostedService<DispatchWorker>();
        }

        return services;
    }
}
