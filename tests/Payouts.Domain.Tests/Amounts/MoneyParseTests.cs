using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Domain.Tests.Amounts;

public class MoneyParseTests
{
    [Theory]
    [InlineData("10.00", "USD", 1000)]
    [InlineData("10", "USD", 1000)]
    [InlineData("10.1", "USD", 1010)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("0", "USD", 0)]
    [InlineData("0.00", "USD", 0)]
    [InlineData("007.50", "USD", 750)]
    [InlineData("1000", "JPY", 1000)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("1.2", "KWD", 1200)]
    [InlineData("0.0001", "CLF", 1)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    [InlineData("9223372036854775807", "JPY", long.MaxValue)]
    public void Parse_exact_decimal_string_returns_minor_units(string amount, string code, long minor)
    {
        var currency = Given.CurrencyOf(code);

        var result = Money.Parse(amount, currency);

        result.Value.Should().Be(Money.FromMinor(minor, currency));
    }

    [Theory]
    [InlineData("10.001", "USD", 2)]
    [InlineData("10.000", "USD", 2)]
    [InlineData("0.5", "JPY", 0)]
    [InlineData("1.0", "JPY", 0)]
    [InlineData("1.2345", "KWD", 3)]
    public void Parse_more_decimals_than_exponent_is_too_many_decimals(string amount, string code, int exponent)
    {
        var result = Money.Parse(amount, Given.CurrencyOf(code));

        result.Error.Code.Should().Be("money.too_many_decimals");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
        result.Error.Message.Should().Contain(code).And.Contain(exponent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Error.Violations.Should().ContainSingle().Which.Field.Should().Be("amount");
    }

    [Theory]
    [InlineData("")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,000")]
    [InlineData("1,5")]
    [InlineData("1.000.00")]
    [InlineData("1..0")]
    [InlineData("１")]
    [InlineData("٣")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1_000")]
    [InlineData(null)]
    public void Parse_malformed_string_is_invalid(string? amount)
    {
        var result = Money.Parse(amount!, Given.Usd);

        result.Error.Code.Should().Be("money.invalid");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
    }

    [Theory]
    [InlineData("99999999999999999999", "JPY")]
    [InlineData("9223372036854775808", "JPY")]
    [InlineData("92233720368547758.08", "USD")]
    [InlineData("92233720368547759", "USD")]
    public void Parse_beyond_long_range_is_out_of_range(string amount, string code)
    {
        var result = Money.Parse(amount, Given.CurrencyOf(code));

        result.Error.Code.Should().Be("money.out_of_range");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
    }

    [Fact]
    public void Parse_many_leading_zeros_does_not_overflow()
    {
        Money.Parse(new string('0', 40) + "1.50", Given.Usd).Value.Minor.Should().Be(150);
    }

    [Fact]
    public void Parse_null_currency_throws()
    {
        FluentActions.Invoking(() => Money.Parse("1", null!)).Should().Throw<ArgumentNullException>();
    }
}
