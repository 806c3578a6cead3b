using Payouts.Domain.Payouts;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>Provider names are what callers send and rows hold: exactly these words, nothing near them.</summary>
public class ProviderNamesTests
{
    [Theory]
    [InlineData(Provider.PayPal, "paypal")]
    [InlineData(Provider.Payoneer, "payoneer")]
    [InlineData(Provider.Tipalti, "tipalti")]
    [InlineData(Provider.Tupay, "tupay")]
    public void Each_provider_has_its_seed_name_and_back(Provider provider, string name)
    {
        ProviderNames.Of(provider).Should().Be(name);
        ProviderNames.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(provider);
    }

    [Fact]
    public void Every_provider_has_a_name() =>
        Enum.GetValues<Provider>().Select(ProviderNames.Of).Should().OnlyHaveUniqueItems().And.AllSatisfy(name => name.Should().NotBeNullOrEmpty());

    [Theory]
    [InlineData("PayPal")]
    [InlineData("PAYPAL")]
    [InlineData(" paypal")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("wise")]
    public void Other_spellings_numbers_and_unknown_names_are_no_provider(string? name) =>
        ProviderNames.TryParse(name, out _).Should().BeFalse();

    [Fact]
    public void Parse_refuses_what_TryParse_refuses() =>
        FluentActions.Invoking(() => ProviderNames.Parse("PayPal")).Should().Throw<FormatException>();

    [Fact]
    public void A_cashout_is_known_by_its_providers_name_and_a_merchant_payout_as_payout()
    {
        PayoutTypes.Of(PayoutKind.Cashout, Provider.Tipalti).Should().Be("tipalti");
        PayoutTypes.Of(PayoutKind.MerchantPayout, Provider.Tupay).Should().Be("payout");
        PayoutTypes.Of(PayoutKind.MerchantPayout, null).Should().Be("payout");
    }
}
