using Payouts.Api.RateLimiting;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Payouts.Api.Health;
using Payouts.Api.Services;
using Payouts.Application.Common;
using Payouts.Contracts.V1;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Api.Hosting;

/// <summary>grpc-dotnet with its reflection, health and JSON transcoding, configured for the Payouts services.</summary>
public static class GrpcHostingExtensions
{
    /// <summary>Every service the gRPC endpoint serves: reflection lists these, health answers for each.</summary>
    public static readonly IReadOnlyList<ServiceDescriptor> Served =
    [
        CashoutService.Descriptor,
        LinkService.Descriptor,
        PayoutService.Descriptor,
        Grpc.Health.V1.Health.Descriptor,
        Grpc.Reflection.V1.ServerReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    /// <summary>
    /// Types that travel inside google.protobuf.Any in error details. Reflection serves their files so grpcurl prints
    /// an INVALID_ARGUMENT's field violations as JSON, and transcoding needs them to write errors as JSON at all.
    /// </summary>
    private static readonly FileDescriptor[] ErrorDetailFiles = [ErrorDetailsReflection.Descriptor, StatusReflection.Descriptor];

    /// <summary>
    /// The "Grpc" section binds onto grpc-dotnet's own options (MaxReceiveMessageSize, MaxSendMessageSize,
    /// EnableDetailedErrors, ResponseCompressionAlgorithm, ResponseCompressionLevel); "Shutdown" sets the drain.
    /// </summary>
    public static IServiceCollection AddPayoutsGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.Families.Values.All(f => f.PermitsPerSecond >= 0 && f.Burst >= 0), "RateLimits:Families:<family>: PermitsPerSecond and Burst must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<CallerRateLimits>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<StorageFailureInterceptor>(); // outermost: the rate limiter reads the idempotency store too
            o.Interceptors.Add<RateLimitInterceptor>();
        }).AddJsonTranscoding(o =>
        {
            // What we promise REST callers (README): proto3 JSON, int64 as strings, defaults left out.
            o.JsonSettings = new GrpcJsonSettings { WriteInt64sAsStrings = true, IgnoreDefaultValues = true };
            o.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailFiles);
        });
        services.AddOptions<GrpcServiceOptions>().Bind(configuration.GetSection("Grpc"))
            .Validate(o => o.MaxReceiveMessageSize is null or > 0, "Grpc:MaxReceiveMessageSize must be positive (or null: unlimited).")
            .Validate(o => o.MaxSendMessageSize is null or > 0, "Grpc:MaxSendMessageSize must be positive (or null: unlimited).")
            .Validate(o => o.ResponseCompressionAlgorithm is null or "gzip" or "deflate", "Grpc:ResponseCompressionAlgorithm must be gzip, deflate or null.")
            .ValidateOnStart();

        // After grpc-dotnet has added its defaults, whatever the registration order: its gzip breaks empty responses.
        services.PostConfigure<GrpcServiceOptions>(o =>
        {
            for (var i = 0; i < o.CompressionProviders.Count; i++)
            {
                if (o.CompressionProviders[i].EncodingName == "gzip")
                {
                    o.CompressionProviders[i] = new GzipCompression();
                }
            }
        });

        // Registered before AddGrpcReflection, which then keeps them: its own would know only the services' files.
        var symbols = SymbolRegistry.FromFiles([.. Served.Select(s => s.File), .. ErrorDetailFiles]);
        var names = Served.Select(s => s.FullName).ToList();
        services.AddSingleton(new ReflectionServiceImpl(names, symbols));
        services.AddSingleton(new ReflectionV1ServiceImpl(names, symbols));
        services.AddGrpcReflection();

        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .ValidateIntervals(ShutdownOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddGrpcHealthChecks(o =>
            {
                // "" (the whole server) comes mapped to every check; each served service answers the same.
                foreach (var service in Served)
                {
                    o.Services.Map(service.FullName, _ => true);
                }
            })
            .AddCheck<ShutdownDrain>(ShutdownDrain.Name)
            .AddDatabaseCheck();
        return services;
    }

    public static IEndpointRouteBuilder MapPayoutsGrpc(this IEndpointRouteBuilder routes)
    {
        routes.MapGrpcService<CashoutGrpcService>();
        routes.MapGrpcService<LinkGrpcService>();
        routes.MapGrpcService<PayoutGrpcService>();
        routes.MapGrpcReflectionService();
        routes.MapGrpcHealthChecksService();
        return routes;
    }
}
