using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
using Payouts.Application.Payouts.HostedForm;
using Payouts.Application.Webhooks;
using Payouts.Domain.Amounts;
using Payouts.Domain.Payouts;

namespace Payouts.Application;

public static class DependencyInjection
{
    private static readonly string ProviderNameRule =
        $"each key must be a provider's name ({string.Join(", ", Enum.GetValues<Provider>().Select(ProviderNames.Of))}).";

    /// <summary>
    /// The use cases behind MediatR 5.1.0, whose DI package is not available here: its service
    /// factory, every handler and validator of this assembly, and the pipeline. Behaviours run in the
    /// order registered, the first outermost. The "Cashouts", "Links" and "Payouts" sections are bound here.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        AddSettings(services, configuration);
        services.AddSingleton<HostedFormLinks>();
        services.AddSingleton<WebhookEvents>();
        services.AddSingleton<PayoutEventDispatcher>();
        services.AddSingleton<LinkState>();
        services.AddScoped<ProviderNotifications>();
        services.AddSingleton<DispatchSignal>();
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<IUseCases, MediatorUseCases>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));

        AddImplementations(services, typeof(IRequestHandler<,>));
        AddImplementations(services, typeof(IValidator<>));
        AddImplementations(services, typeof(IValidator<,>));
        return services;
    }

    /// <summary>
    /// Each section bound once and checked when the host starts (ValidateOnStart), so a bad value stops start-up
    /// with the setting's name; consumers take the settings object itself (a handler asks for LinkPolicy, not IOptions).
    /// </summary>
    private static void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CashoutPolicy>().Bind(configuration.GetSection(CashoutPolicy.SectionName))
            .Validate(p => Currency.From(p.DefaultCurrency).IsSuccess, "Cashouts:DefaultCurrency must be an active ISO 4217 code, e.g. USD.")
            .Validate(p => p.Providers.Values.All(l => l.Minimum >= 1 && l.Minimum <= l.Maximum), "Cashouts:Providers:<provider>: Minimum must be at least 1 and at most Maximum.")
            .Validate(_ => NamesProviders(configuration.GetSection("Cashouts:Providers")), "Cashouts:Providers: " + ProviderNameRule)
            .ValidateOnStart();
        services.AddOptions<LinkPolicy>().Bind(configuration.GetSection(LinkPolicy.SectionName))
            .Validate(p => p.HasUsableStateKey, LinkPolicy.StateKeyRule + "; the service refuses to start without it.")
            .Validate(p => BaseUrl.IsValid(p.CallbackBaseUrl), $"Links:CallbackBaseUrl {BaseUrl.Rule}.")
            .ValidateIntervals(LinkPolicy.SectionName, positive: nameof(LinkPolicy.StateLifetime))
            .ValidateOnStart();
        services.AddOptions<PayoutPolicy>().Bind(configuration.GetSection(PayoutPolicy.SectionName))
            .Validate(p => BaseUrl.IsValid(p.PublicBaseUrl), $"Payouts:PublicBaseUrl {BaseUrl.Rule}: payouts' hosted-form links are made from it.")
            .ValidateIntervals(PayoutPolicy.SectionName, positive: nameof(PayoutPolicy.FormLifetime))
            .Validate(_ => NamesProviders(configuration.GetSection("Payouts:ProviderCurrencies")), "Payouts:ProviderCurrencies: " + ProviderNameRule)
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CashoutPolicy>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LinkPolicy>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PayoutPolicy>>().Value);
    }

    /// <summary>
    /// Sections keyed by provider bind into enum keys, and the binder drops a key that names no provider without a word:
    /// a misspelt provider's settings would be ignored, so start-up refuses them instead.
    /// </summary>
    private static bool NamesProviders(IConfigurationSection section) => section.GetChildren().All(child => ProviderNames.TryParse(child.Key, out _));

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
