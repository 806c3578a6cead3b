using System.Globalization;
using Payouts.Domain.Common;

namespace Payouts.Domain.Amounts;

/// <summary>
/// An amount as an integer count of the currency's minor unit (cents for USD, yen for JPY, fils for KWD).
/// Never converted through double or decimal: parsing and formatting work on the digits themselves.
/// </summary>
/// <param name="Minor">The amount in minor units.</param>
/// <param name="Currency">The currency whose exponent gives the minor unit.</param>
public readonly record struct Money(long Minor, Currency Currency)
{
    /// <summary>Wraps an amount already in minor units (seed 000's cents, a stored ledger amount).</summary>
    public static Money FromMinor(long minor, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new Money(minor, currency);
    }

    /// <summary>
    /// Parses a decimal string exactly (seed 001: "10.00", dot as separator). Accepts ASCII digits with at most
    /// one '.' that has digits on both sides; refuses signs, exponents, whitespace, separators and non-ASCII
    /// digits. Zero parses; whether zero is acceptable is the caller's rule.
    /// </summary>
    public static Result<Money> Parse(string amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return DecimalDigits.ToMinor(amount, currency.Exponent) switch
        {
            { Outcome: DecimalDigits.Outcome.Malformed } => MoneyErrors.Malformed(),
            { Outcome: DecimalDigits.Outcome.TooManyDecimals } => MoneyErrors.TooManyDecimals(currency),
            { Outcome: DecimalDigits.Outcome.OutOfRange } => MoneyErrors.OutOfRange(),
            var parsed => new Money(parsed.Minor, currency),
        };
    }

    /// <summary>The amount as a decimal string with exactly the currency's exponent of decimals: "10.00", "1000", "1.000".</summary>
    public string ToDecimalString() => DecimalDigits.FromMinor(Minor, Currency.Exponent);

    /// <summary>The sum; throws on a currency mismatch (a bug, not input) or on overflow.</summary>
    public Money Add(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);

    /// <summary>The difference; throws on a currency mismatch (a bug, not input) or on overflow.</summary>
    public Money Subtract(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ToDecimalString()} {Currency.Code}");

    private Money SameCurrency(Money other) => other.Currency == Currency
        ? other
        : throw new InvalidOperationException($"Cannot combine {Currency.Code} with {other.Currency.Code}.");
}
