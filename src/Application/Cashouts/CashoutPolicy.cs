namespace Payouts.Application.Cashouts;

/// <summary>
/// Cashout rules that change without a release (the "Cashouts" configuration section): the
/// currency a user's balance is kept in when a request names none, and each provider's limits.
/// </summary>
public sealed class CashoutPolicy
{
    public const string SectionName = "Cashouts";

    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>Limits by provider name ("paypal", "payoneer", "tipalti"), in minor units.</summary>
    public Dictionary<string, AmountLimits> Providers { get; set; } = new(StringComparer.Ordinal)
    {
        ["paypal"] = new() { Minimum = 100, Maximum = 1_000_000 },
        ["payoneer"] = new() { Minimum = 2_000, Maximum = 2_000_000 },
        ["tipalti"] = new() { Minimum = 1_000, Maximum = 5_000_000 },
    };

    public bool IsKnownProvider(string provider) => Providers.ContainsKey(provider);
}

public sealed class AmountLimits
{
    public long Minimum { get; set; } = 1;

    public long Maximum { get; set; } = long.MaxValue;

    public bool Allows(long amount) => amount >= Minimum && amount <= Maximum;
}
