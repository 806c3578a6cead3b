using Payouts.Domain.Common;

namespace Payouts.Domain.Amounts;

/// <summary>
/// An ISO 4217 currency and its exponent: the number of decimal digits of its minor unit
/// (JPY 0, USD 2, KWD 3, CLF 4). Amounts are held as integers in that minor unit.
/// </summary>
/// <param name="Code">Three uppercase letters, e.g. "EUR".</param>
/// <param name="Exponent">Digits after the decimal point in the minor unit.</param>
public sealed record Currency(string Code, int Exponent)
{
    /// <summary>Every currency a payout may use: the active ISO 4217 codes that have a minor unit.</summary>
    public static IReadOnlyCollection<Currency> All => Iso4217.Active.Values;

    /// <summary>
    /// Looks up an active currency. The code must be exactly three uppercase ASCII letters, as seed 001 asks
    /// ("Three capital letters"): "usd" is refused rather than guessed at.
    /// </summary>
    public static Result<Currency> From(string code)
    {
        if (!IsWellFormed(code))
        {
            return Error.Validation(
                "currency.invalid",
                "Currency must be three uppercase letters (ISO 4217).",
                new FieldViolation("currency", "Must be three uppercase letters (ISO 4217), e.g. \"EUR\"."));
        }

        if (!Iso4217.Active.TryGetValue(code, out var currency))
        {
            return Error.Validation(
                "currency.unknown",
                $"Currency {code} is not an active ISO 4217 currency we can pay out in.",
                new FieldViolation("currency", $"{code} is not a supported ISO 4217 currency."));
        }

        return currency;
    }

    /// <inheritdoc/>
    public override string ToString() => Code;

    private static bool IsWellFormed(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
