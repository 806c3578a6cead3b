namespace Payouts.Api.RateLimiting;

/// <summary>
/// Calls to this gRPC service, RPC or route count against the caller's limit for <see cref="Family"/>; on an RPC it
/// overrides its service's. Endpoints without it (health, reflection, the hosted form, provider notifications) are
/// never limited.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string family) : Attribute
{
    public const string Cashouts = "cashouts";
    public const string Credits = "credits";
    public const string Links = "links";
    public const string Payouts = "payouts";

    public string Family { get; } = family;
}
