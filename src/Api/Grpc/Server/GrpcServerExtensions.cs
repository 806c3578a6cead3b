using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Payouts.Api.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>Registers the gRPC server core; add services with <see cref="AddGrpcService{T}"/>.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GrpcServerOptions>().Bind(configuration.GetSection(GrpcServerOptions.SectionName));
        services.AddSingleton<GrpcMethodRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddGrpcService<TService>(this IServiceCollection services)
        where TService : class, IGrpcService
    {
        services.AddSingleton<TService>();
        services.AddSingleton<IGrpcService>(sp => sp.GetRequiredService<TService>());
        return services;
    }

    /// <summary>
    /// Serves gRPC. Resolving the registry here binds and verifies every service before the server
    /// listens, so a missing or mistyped handler stops start-up with a clear message.
    /// </summary>
    public static IApplicationBuilder UseGrpcServer(this IApplicationBuilder app)
    {
        app.ApplicationServices.GetRequiredService<GrpcMethodRegistry>();
        return app.UseMiddleware<GrpcDispatcher>();
    }
}
