namespace Payouts.Api.RateLimiting;

/// <summary>The "RateLimits" configuration section: a token bucket per caller and route family.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// By family (<see cref="RateLimitedAttribute.Family"/>). Credits are an internal service's bulk work (CreditBalance),
    /// so their bucket is wide; a user's cashouts, links and a merchant's payouts are people-sized.
    /// </summary>
    public Dictionary<string, FamilyLimit> Families { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cashouts"] = new() { PermitsPerSecond = 100, Burst = 200 },
        ["credits"] = new() { PermitsPerSecond = 20_000, Burst = 40_000 },
        ["links"] = new() { PermitsPerSecond = 10, Burst = 20 },
        ["payouts"] = new() { PermitsPerSecond = 50, Burst = 100 },
    };
}

/// <summary>A caller's sustained rate and the burst it may spend at once.</summary>
public sealed class FamilyLimit
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }
}
