namespace Payouts.Application.Payouts;

/// <summary>Merchant payouts' settings, bound from the "Payouts" configuration section.</summary>
public sealed class PayoutPolicy
{
    /// <summary>Where recipients reach the hosted form: the service's public HTTP address.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080/");

    /// <summary>How long the hosted form link works after the payout is created.</summary>
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromDays(7);
}
