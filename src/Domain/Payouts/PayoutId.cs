using System.Globalization;

namespace Payouts.Domain.Payouts;

/// <summary>
/// A payout's id: a time-ordered 64-bit number generated outside the domain (the id generator lives in
/// Infrastructure), so ids sort by creation and fit seed 000's integer <c>cashout_id</c>.
/// </summary>
/// <param name="Value">The raw id.</param>
public readonly record struct PayoutId(long Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
