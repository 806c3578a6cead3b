using Payouts.Domain.Amounts;
using Payouts.Infrastructure.Providers.Tupay;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>The rules the merchant payout form reuses, checked without HTTP.</summary>
public sealed class TupayCashoutRulesTests
{
    private static readonly TupayCashoutPolicy Policy = TupayCashoutPolicy.Default;

    private static TupayCashout Valid => TupayCashout.From(Payout(42), Account, new Uri("https://payouts.example/notifications/tupay"));

    [Fact]
    public void A_valid_cashout_has_no_violations() =>
        TupayCashoutRules.Validate(Valid, Policy).Should().BeEmpty();

    [Theory]
    [InlineData("DNI", "12345678")]
    [InlineData("CE", "123456789")]
    [InlineData("RUC", "12345678901")]
    [InlineData("PASS", "123456789012")]
    public void Each_document_type_takes_its_digit_count(string type, string id) =>
        TupayCashoutRules.ValidateBeneficiary(Account with { DocumentType = type, DocumentId = id }, Policy).Should().BeEmpty();

    [Fact]
    public void An_external_id_over_100_characters_is_a_violation() =>
        TupayCashoutRules.Validate(Valid with { ExternalId = new string('1', 101) }, Policy)
            .Should().ContainSingle().Which.Field.Should().Be("external_id");

    [Fact]
    public void A_currency_with_more_than_two_decimals_is_a_violation_of_amount() =>
        TupayCashoutRules.ValidateAmount(Money.FromMinor(1000, Currency.From("KWD").Value), ["KWD"])
            .Should().ContainSingle().Which.Field.Should().Be("amount");

    [Fact]
    public void Every_violation_is_reported_not_just_the_first()
    {
        var violations = TupayCashoutRules.ValidateBeneficiary(Account with { Cci = "1", AccountType = "Z", FirstName = "" }, Policy);

        violations.Select(v => v.Field).Should().BeEquivalentTo("bank_account", "account_type", "beneficiary_name");
    }

    [Fact]
    public void Http_notification_urls_pass_only_when_https_is_not_required()
    {
        var http = Valid with { NotificationUrl = new Uri("http://localhost:8080/notifications/tupay") };

        TupayCashoutRules.Validate(http, Policy).Should().ContainSingle().Which.Field.Should().Be("notification_url");
        TupayCashoutRules.Validate(http, Policy with { RequireHttpsNotificationUrl = false }).Should().BeEmpty();
    }
}
