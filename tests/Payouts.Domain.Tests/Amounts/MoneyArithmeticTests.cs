using Payouts.Domain.Amounts;

namespace Payouts.Domain.Tests.Amounts;

public class MoneyArithmeticTests
{
    [Fact]
    public void Add_same_currency_sums_minor_units()
    {
        Given.Usd10.Add(Money.FromMinor(5, Given.Usd)).Should().Be(Money.FromMinor(1005, Given.Usd));
    }

    [Fact]
    public void Subtract_same_currency_may_go_negative()
    {
        Given.Usd10.Subtract(Money.FromMinor(1001, Given.Usd)).Minor.Should().Be(-1);
    }

    [Fact]
    public void Add_other_currency_throws()
    {
        FluentActions.Invoking(() => Given.Usd10.Add(Money.FromMinor(1000, Given.Jpy)))
            .Should().Throw<InvalidOperationException>().WithMessage("*USD*JPY*");
    }

    [Fact]
    public void Subtract_other_currency_throws()
    {
        FluentActions.Invoking(() => Given.Usd10.Subtract(Money.FromMinor(1000, Given.Kwd)))
            .Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Add_past_long_max_throws_overflow()
    {
        var max = Money.FromMinor(long.MaxValue, Given.Usd);

        FluentActions.Invoking(() => max.Add(Money.FromMinor(1, Given.Usd))).Should().Throw<OverflowException>();
    }

    [Fact]
    public void Subtract_past_long_min_throws_overflow()
    {
        var min = Money.FromMinor(long.MinValue, Given.Usd);

        FluentActions.Invoking(() => min.Subtract(Money.FromMinor(1, Given.Usd))).Should().Throw<OverflowException>();
    }

    [Fact]
    public void Equality_needs_same_minor_and_currency()
    {
        Money.FromMinor(1000, Given.Usd).Should().Be(Given.Usd10);
        Money.FromMinor(1000, Given.Jpy).Should().NotBe(Given.Usd10);
    }

    [Fact]
    public void FromMinor_null_currency_throws()
    {
        FluentActions.Invoking(() => Money.FromMinor(1, null!)).Should().Throw<ArgumentNullException>();
    }
}
