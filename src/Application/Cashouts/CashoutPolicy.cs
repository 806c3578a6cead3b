using Payouts.Domain.Payouts;

namespace Payouts.Application.Cashouts;

/// <summary>
/// Cashout rules that change without a release (the "Cashouts" configuration section): the
/// currency a user's balance is kept in when a request names none, and each provider's limits.
/// </summary>
public sealed class CashoutPolicy
{
    public const string SectionName = "Cashouts";

    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>The providers users cash out to, with their limits in minor units (configured under their names, e.g. "paypal").</summary>
    public Dictionary<Provider, AmountLimits> Providers { get; set; } = new()
    {
        [Provider.PayPal] = new() { Minimum = 100, Maximum = 1_000_000 },
        [Provider.Payoneer] = new() { Minimum = 2_000, Maximum = 2_000_000 },
        [Provider.Tipalti] = new() { Minimum = 1_000, Maximum = 5_000_000 },
    };
}

public sealed class AmountLimits
{
    public long Minimum { get; set; } = 1;

    public long Maximum { get; set; } = long.MaxValue;

    public bool Allows(long amount) => amount >= Minimum && amount <= Maximum;
}
