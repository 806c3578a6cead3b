using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Domain.Tests.Amounts;

public class CurrencyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("CLP", 0)]
    [InlineData("XOF", 0)]
    [InlineData("ISK", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    [InlineData("PEN", 2)]
    [InlineData("XCG", 2)]
    [InlineData("ZWG", 2)]
    [InlineData("SLE", 2)]
    public void From_known_code_returns_its_iso_exponent(string code, int exponent)
    {
        var result = Currency.From(code);

        result.Value.Should().Be(new Currency(code, exponent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData(" USD")]
    [InlineData("US1")]
    [InlineData("ÜSD")]
    [InlineData(null)]
    public void From_malformed_code_is_invalid(string? code)
    {
        var result = Currency.From(code!);

        result.Error.Code.Should().Be("currency.invalid");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
        result.Error.Violations.Should().ContainSingle().Which.Field.Should().Be("currency");
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("XAG")]
    [InlineData("XDR")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    [InlineData("HRK")]
    [InlineData("BGN")]
    [InlineData("ANG")]
    [InlineData("ZWL")]
    [InlineData("SLL")]
    public void From_code_without_minor_unit_or_withdrawn_is_unknown(string code)
    {
        var result = Currency.From(code);

        result.Error.Code.Should().Be("currency.unknown");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
        result.Error.Message.Should().Contain(code);
    }

    [Fact]
    public void All_lists_each_active_code_once_with_a_plausible_exponent()
    {
        Currency.All.Should().HaveCount(165);
        Currency.All.Select(c => c.Code).Should().OnlyHaveUniqueItems();
        Currency.All.Should().OnlyContain(c => c.Exponent >= 0 && c.Exponent <= 4 && c.Code.Length == 3);
    }

    [Fact]
    public void All_has_exponents_other_than_two_only_for_the_known_exceptions()
    {
        var exceptions = Currency.All.Where(c => c.Exponent != 2).Select(c => $"{c.Code}:{c.Exponent}");

        exceptions.Should().BeEquivalentTo(
            "BIF:0", "CLP:0", "DJF:0", "GNF:0", "ISK:0", "JPY:0", "KMF:0", "KRW:0", "PYG:0", "RWF:0", "UGX:0",
            "UYI:0", "VND:0", "VUV:0", "XAF:0", "XOF:0", "XPF:0",
            "BHD:3", "IQD:3", "JOD:3", "KWD:3", "LYD:3", "OMR:3", "TND:3",
            "CLF:4", "UYW:4");
    }

    [Fact]
    public void From_returns_the_same_instance_as_all()
    {
        Currency.From("EUR").Value.Should().BeSameAs(Currency.All.Single(c => c.Code == "EUR"));
    }
}
