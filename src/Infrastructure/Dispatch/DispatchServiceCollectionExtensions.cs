using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
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
        // A singleton with its own unit of work: its writes are never part of a request's idempotency record.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PayoutDispatcher>(
            sp, new UnitOfWork(sp.GetRequiredService<GroupCommitWriter>(), new IdempotencyContext(sp.GetRequiredService<TimeProvider>()))));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HostedFormExpiry>(
            sp, new UnitOfWork(sp.GetRequiredService<GroupCommitWriter>(), new IdempotencyContext(sp.GetRequiredService<TimeProvider>()))));
        if (section.GetValue("Enabled", true))
        {
            services.AddHostedService<DispatchWorker>();
        }

        return services;
    }
}
