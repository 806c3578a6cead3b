using Payouts.Api.Grpc.Health;
using Payouts.Api.Grpc.Reflection;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Grpc;

public static class GrpcHostingExtensions
{
    /// <summary>The gRPC server core plus health (grpc.health.v1) and reflection (v1 and v1alpha).</summary>
    public static IServiceCollection AddGrpcWithHealthAndReflection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpcServer(configuration);
        services.AddSingleton<HealthStatusRegistry>();
        services.AddHostedService<HealthReporting>();
        services.AddSingleton<ReflectionCore>();
        services.AddGrpcService<HealthService>();
        services.AddGrpcService<ReflectionV1Service>();
        services.AddGrpcService<ReflectionV1AlphaService>();
        return services;
    }
}
