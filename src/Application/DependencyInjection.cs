using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Common;
using Payouts.Application.Common.Behaviors;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Dispatch;
using Payouts.Application.Notifications;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Events;
using Payouts.Application.Webhooks;

namespace Payouts.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The use cases behind MediatR 5.1.0, whose DI package is not available here: its service
    /// factory, every handler and validator of this assembly, and the pipeline. Behaviours run in the
    /// order registered, the first outermost.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, CashoutPolicy policy, LinkPolicy linkPolicy, PayoutPolicy? payoutPolicy = null)
    {
        services.AddSingleton(policy);
        services.AddSingleton(linkPolicy);
        services.AddSingleton(payoutPolicy ?? new PayoutPolicy());
        services.AddSingleton<HostedFormLinks>();
        services.AddSingleton<WebhookEvents>();
        services.AddSingleton<PayoutEventDispatcher>();
        services.AddSingleton<LinkState>();
        services.AddScoped<ProviderNotifications>();
        services.AddSingleton<DispatchSignal>();
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<IUseCases, MediatorUseCases>();
        services.AddSingleton<InFlightKeys>();
        services.AddScoped<IdempotencyContext>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));

        AddImplementations(services, typeof(IRequestHandler<,>));
        AddImplementations(services, typeof(IValidator<>));
        return services;
    }

    private static void AddImplementations(IServiceCollection services, Type openInterface)
    {
        var implementations = typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false });
        foreach (var type in implementations)
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddScoped(contract, type);
            }
        }
    }
}
