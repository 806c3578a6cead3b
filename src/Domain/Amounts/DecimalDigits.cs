using System.Globalization;

namespace Payouts.Domain.Amounts;

/// <summary>
/// Converts between decimal strings and integer minor units by moving the decimal point over the digits,
/// so no value ever passes through a binary or decimal floating type.
/// </summary>
internal static class DecimalDigits
{
    public enum Outcome { Parsed, Malformed, TooManyDecimals, OutOfRange }

    public readonly record struct Parsed(Outcome Outcome, long Minor);

    public static Parsed ToMinor(string? text, int exponent)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Parsed(Outcome.Malformed, 0);
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];

        // A dot needs digits on both sides: ".5" and "5." are refused rather than guessed at.
        if (!IsDigits(whole) || (dot >= 0 && !IsDigits(fraction)))
        {
            return new Parsed(Outcome.Malformed, 0);
        }

        if (fraction.Length > exponent)
        {
            return new Parsed(Outcome.TooManyDecimals, 0);
        }

        // "10.1" at exponent 2 is the digit string "1010": the minor units, read as an integer.
        return Accumulate(whole + fraction.PadRight(exponent, '0'));
    }

    public static string FromMinor(long minor, int exponent)
    {
        // Through ulong so that long.MinValue has a magnitude to print.
        var magnitude = minor < 0 ? (ulong)-(minor + 1) + 1 : (ulong)minor;
        var digits = magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(exponent + 1, '0');
        var sign = minor < 0 ? "-" : "";
        return exponent == 0
            ? sign + digits
            : $"{sign}{digits[..^exponent]}.{digits[^exponent..]}";
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static Parsed Accumulate(string digits)
    {
        long value = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                return new Parsed(Outcome.OutOfRange, 0);
            }

            value = (value * 10) + digit;
        }

        return new Parsed(Outcome.Parsed, value);
    }
}
