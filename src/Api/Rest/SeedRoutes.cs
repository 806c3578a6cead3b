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

        // Seeds 001 and 002 are PayoutService's routes: they spend a merchant's payouts limit, as its RPCs do.
        var payouts = routes.MapGroup("").WithMetadata(new RateLimiting.RateLimitedAttribute(RateLimiting.RateLimitedAttribute.Payouts));
        Seed001Routes.Map(payouts);
        Seed002Routes.Map(payouts);
        return routes;
    }
}
