using System.Collections.Frozen;

namespace Payouts.Api.Transcoding.Shapes;

/// <summary>
/// The one place that says which routes keep a legacy caller's shape, keyed by the annotated route
/// (method and path template exactly as in proto/). Every other route is standard transcoding.
/// </summary>
internal static class LegacyShapes
{
    private static readonly FrozenDictionary<string, RestShape> ByRoute = new Dictionary<string, RestShape>(StringComparer.Ordinal)
    {
        // Seed 000: a user's cashouts and links, in the {"status":"success","data":{...}} envelope.
        ["POST /cashout/process"] = Seed000Envelope.Instance,
        ["POST /cashout/link"] = Seed000Envelope.Instance,
        ["POST /cashout/unlink"] = Seed000Envelope.Instance,

        // Seed 001: the bare payment object, 201 Created for a new payout.
        ["POST /api/payments"] = Seed001Payment.Instance,
        ["GET /api/payments/{id}"] = Seed001Payment.Instance,

        // Seed 002: {"payout": ...} and {"payouts": [...], "paging": ...} with INITIATION_* statuses.
        ["POST /payouts"] = Seed002Payouts.Instance,
        ["GET /payouts"] = Seed002Payouts.Instance,
        ["GET /payouts/{id}"] = Seed002Payouts.Instance,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static RestShape For(HttpBinding route) => ByRoute.GetValueOrDefault(route.Key, RestShape.Standard);

    /// <summary>
    /// Fails start-up when a legacy route is no longer annotated: renaming a path in proto/ must not quietly
    /// hand a legacy caller the standard shape.
    /// </summary>
    public static void Verify(RouteTable routes)
    {
        var missing = ByRoute.Keys.Except(routes.Routes.Select(r => r.Key), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Legacy REST shapes name routes no google.api.http rule declares: {string.Join(", ", missing)}.");
        }
    }
}
