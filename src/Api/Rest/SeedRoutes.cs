namespace Payouts.Api.Rest;

/// <summary>
/// The seeds' REST routes, served by endpoints of their own because their callers expect shapes gRPC-JSON
/// transcoding cannot write. Every other RPC is served over REST by transcoding, from its google.api.http rule.
/// </summary>
public static class SeedRoutes
{
    public static IEndpointRouteBuilder MapSeedRoutes(this IEndpointRouteBuilder routes)
    {
        Seed000Routes.Map(routes);
        Seed001Routes.Map(routes);
        Seed002Routes.Map(routes);
        return routes;
    }
}
