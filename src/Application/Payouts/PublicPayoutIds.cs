using System.Globalization;

namespace Payouts.Application.Payouts;

/// <summary>Merchants see payouts as "pay_&lt;id&gt;" (seed 001's <c>pay_a1b2c3d4</c>); the number is our payout id.</summary>
public static class PublicPayoutIds
{
    private const string Prefix = "pay_";

    public static string Format(long id) => Prefix + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return text is not null && text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
