using Payouts.Domain.Common;

namespace Payouts.Domain.Amounts;

/// <summary>The stable errors of amount parsing; every one names the "amount" field for BadRequest details.</summary>
internal static class MoneyErrors
{
    private const string Field = "amount";

    public static Error Malformed() => Error.Validation(
        "money.invalid",
        "Amount must be a decimal string such as \"10.00\": digits with an optional '.' and decimals.",
        new FieldViolation(Field, "Must be digits with an optional '.' and decimals, e.g. \"10.00\"."));

    public static Error TooManyDecimals(Currency currency) => Error.Validation(
        "money.too_many_decimals",
        $"{currency.Code} amounts allow at most {currency.Exponent} decimal places.",
        new FieldViolation(Field, $"{currency.Code} allows at most {currency.Exponent} decimal places."));

    public static Error OutOfRange() => Error.Validation(
        "money.out_of_range",
        "Amount is too large.",
        new FieldViolation(Field, $"Must be at most {long.MaxValue} in minor units."));
}
