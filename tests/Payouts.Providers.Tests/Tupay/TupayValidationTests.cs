using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>Every limit of seed 003 refuses the payout by field name before anything reaches Tupay.</summary>
public sealed class TupayValidationTests : TupayTestBase
{
    private static readonly Dictionary<string, (PayoutInstruction Payout, string Code)> Cases = new()
    {
        ["lowercase country"] = (Payout(1, recipient: Account with { Country = "pe" }), "invalid_country"),
        ["another country"] = (Payout(1, recipient: Account with { Country = "CO" }), "invalid_country"),
        ["zero amount"] = (Payout(1, minor: 0), "invalid_amount"),
        ["negative amount"] = (Payout(1, minor: -100), "invalid_amount"),
        ["currency not PEN or USD"] = (Payout(1, currency: "EUR"), "invalid_currency"),
        ["unknown document type"] = (Payout(1, recipient: Account with { DocumentType = "LE" }), "invalid_document_type"),
        ["document of 7 digits"] = (Payout(1, recipient: Account with { DocumentType = "DNI", DocumentId = "1234567" }), "invalid_document_id"),
        ["document of 13 digits"] = (Payout(1, recipient: Account with { DocumentType = "PASS", DocumentId = "1234567890123" }), "invalid_document_id"),
        ["DNI with a letter"] = (Payout(1, recipient: Account with { DocumentId = "1234567A" }), "invalid_document_id"),
        ["blank name"] = (Payout(1, recipient: Account with { FirstName = " " }), "invalid_beneficiary_name"),
        ["name of 101 characters"] = (Payout(1, recipient: Account with { FirstName = new string('a', 101) }), "invalid_beneficiary_name"),
        ["last name of 101 characters"] = (Payout(1, recipient: Account with { LastName = new string('a', 101) }), "invalid_beneficiary_lastname"),
        ["CCI of 19 digits"] = (Payout(1, recipient: Account with { Cci = "0021930015389520681" }), "invalid_bank_account"),
        ["CCI with a letter"] = (Payout(1, recipient: Account with { Cci = "0021930015389520681X" }), "invalid_bank_account"),
        ["account type X"] = (Payout(1, recipient: Account with { AccountType = "X" }), "invalid_account_type"),
        ["comments of 201 characters"] = (Payout(1) with { Description = new string('c', 201) }, "invalid_comments"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task An_invalid_field_is_refused_by_name_and_nothing_is_sent(string name)
    {
        var (payout, code) = Cases[name];

        var outcome = await Provider.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be(code);
        Sandbox.SubmitRequests.Should().Be(0);
        Sandbox.Count.Should().Be(0);
    }

    /// <summary>Seed 003: "CE/CPP, DNI, RUC, or PASS" and "8 to 12 digits", whatever the type.</summary>
    [Theory]
    [InlineData("CPP", "123456789")]
    [InlineData("DNI", "123456789012")]
    [InlineData("CE", "12345678")]
    [InlineData("RUC", "1234567890")]
    [InlineData("PASS", "12345678")]
    public async Task Every_document_the_seed_allows_is_sent(string type, string id)
    {
        var outcome = await Provider.SubmitAsync(Payout(1, recipient: Account with { DocumentType = type, DocumentId = id }), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>();
        Sandbox.SubmitRequests.Should().Be(1);
    }

    [Fact]
    public async Task The_valid_payout_the_cases_start_from_is_sent()
    {
        var outcome = await Provider.SubmitAsync(Payout(1), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>();
        Sandbox.SubmitRequests.Should().Be(1);
    }
}

/// <summary>Production setting: the notification URL must be https, so the plain-http default is refused.</summary>
public sealed class TupayNotificationUrlValidationTests : TupayTestBase
{
    protected override void Configure(SandboxedProviders fixture) =>
        fixture.Settings["Providers:Tupay:RequireHttpsNotificationUrl"] = "true";

    [Fact]
    public async Task An_http_notification_url_is_refused_when_https_is_required()
    {
        var outcome = await Provider.SubmitAsync(Payout(1), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("invalid_notification_url");
        Sandbox.SubmitRequests.Should().Be(0);
    }
}

public sealed class TupayLongNotificationUrlTests : TupayTestBase
{
    protected override void Configure(SandboxedProviders fixture) =>
        fixture.Settings["Providers:Tupay:NotificationUrl"] = "https://payouts.example/notifications/tupay?" + new string('x', 300);

    [Fact]
    public async Task A_notification_url_over_300_characters_is_refused()
    {
        var outcome = await Provider.SubmitAsync(Payout(1), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Refused>().Which.Code.Should().Be("invalid_notification_url");
        Sandbox.SubmitRequests.Should().Be(0);
    }
}
