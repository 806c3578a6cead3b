using System.Collections.Frozen;

namespace Payouts.Domain.Payouts;

/// <summary>
/// A <see cref="Provider"/>'s name outside the service, and back: only the edges (requests, settings, rows, routes)
/// convert, and they read exactly these words, case and all, so no caller and no stored row sees another spelling.
/// </summary>
public static class ProviderNames
{
    private static readonly FrozenDictionary<Provider, string> Names = new Dictionary<Provider, string>
    {
        [Provider.PayPal] = "paypal",
        [Provider.Payoneer] = "payoneer",
        [Provider.Tipalti] = "tipalti",
        [Provider.Tupay] = "tupay",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Provider> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(Provider provider) =>
        Names.TryGetValue(provider, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider.");

    /// <summary>The provider named exactly <paramref name="name"/>; false for anything else, other casings included.</summary>
    public static bool TryParse(string? name, out Provider provider) => ByName.TryGetValue(name ?? "", out provider);

    /// <summary>The provider named <paramref name="name"/>, which a validator or the database already vouched for.</summary>
    public static Provider Parse(string name) =>
        TryParse(name, out var provider) ? provider : throw new FormatException($"Unknown provider name '{name}'.");
}
