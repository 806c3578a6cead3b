using Payouts.Domain.Amounts;

namespace Payouts.Domain.Tests.Amounts;

public class MoneyFormatTests
{
    [Theory]
    [InlineData(1000, "USD", "10.00")]
    [InlineData(1000, "JPY", "1000")]
    [InlineData(1000, "KWD", "1.000")]
    [InlineData(1, "USD", "0.01")]
    [InlineData(0, "USD", "0.00")]
    [InlineData(0, "JPY", "0")]
    [InlineData(5, "CLF", "0.0005")]
    [InlineData(-1050, "USD", "-10.50")]
    [InlineData(-1, "KWD", "-0.001")]
    [InlineData(long.MaxValue, "USD", "92233720368547758.07")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08")]
    [InlineData(long.MinValue, "JPY", "-9223372036854775808")]
    public void ToDecimalString_writes_exactly_exponent_decimals(long minor, string code, string expected)
    {
        Money.FromMinor(minor, Given.CurrencyOf(code)).ToDecimalString().Should().Be(expected);
    }

    [Fact]
    public void ToDecimalString_then_Parse_round_trips_for_every_currency()
    {
        long[] samples = [0, 1, 9, 10, 99, 100, 101, 1234, 1_000_000, 987_654_321_012, long.MaxValue];
        foreach (var currency in Currency.All)
        {
            foreach (var minor in samples)
            {
                var money = Money.FromMinor(minor, currency);

                Money.Parse(money.ToDecimalString(), currency).Value.Should().Be(money, $"{minor} {currency.Code}");
            }
        }
    }

    [Theory]
    [InlineData("10.00", "USD")]
    [InlineData("0.05", "EUR")]
    [InlineData("1000", "JPY")]
    [InlineData("1.234", "KWD")]
    public void Parse_then_ToDecimalString_round_trips_canonical_strings(string amount, string code)
    {
        Money.Parse(amount, Given.CurrencyOf(code)).Value.ToDecimalString().Should().Be(amount);
    }

    [Fact]
    public void ToString_shows_amount_and_code()
    {
        Given.Usd10.ToString().Should().Be("10.00 USD");
    }
}
