using Payouts.Api.Grpc.Server;
using Payouts.Api.Transcoding.Shapes;

namespace Payouts.Api.Transcoding;

public static class TranscodingExtensions
{
    /// <summary>REST transcoding of the served gRPC services, from their <c>google.api.http</c> annotations.</summary>
    public static IServiceCollection AddRestTranscoding(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RouteTable(sp.GetRequiredService<GrpcMethodRegistry>().Services));
        return services;
    }

    /// <summary>
    /// Serves REST. Place it after routing: a request an endpoint (pages, callbacks) took is never
    /// transcoded. Resolving the route table here checks every annotation, and that each legacy shape still
    /// names an annotated route, before the server listens.
    /// </summary>
    public static IApplicationBuilder UseRestTranscoding(this IApplicationBuilder app)
    {
        LegacyShapes.Verify(app.ApplicationServices.GetRequiredService<RouteTable>());
        return app.UseMiddleware<TranscodingMiddleware>();
    }
}
