using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Payouts;

/// <summary>Seed 001's CreatePayout rules and limits, the reservation, and its two replay rules.</summary>
public sealed class CreatePayoutTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 100_000, currency: "EUR"))).IsSuccess.Should().BeTrue();
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 100_000, "pen-1", currency: "PEN"))).IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_payout_reserves_the_amount_and_waits_for_the_recipient()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00"))).Value;

        (payout.Status, payout.State, payout.Amount, payout.Currency).Should().Be((PayoutStatus.AwaitingRecipientDetails, PayoutState.Pending, "10.00", "EUR"));
        payout.PublicId.Should().StartWith("pay_");
        payout.Url.AbsolutePath.Should().StartWith("/checkin/" + payout.PublicId + ".");
        payout.MetadataJson.Should().Be("""{"orderId":1456}""");
        (await BalanceAsync("EUR")).Should().Be((99_000, 1_000));
    }

    [Fact]
    public async Task What_create_answers_is_what_get_reads_to_the_last_digit()
    {
        _app.Clock.Advance(TimeSpan.FromTicks(3_069_392));

        var created = (await _app.SendAsync(Commands.Payout())).Value;
        var read = (await _app.AskAsync(new global::Payouts.Application.Payouts.Queries.GetPayout.GetPayoutQuery(Commands.Merchant, created.PublicId))).Value;

        read.Should().Be(created);
    }

    [Fact]
    public async Task A_payout_with_a_bank_account_goes_to_tupay_at_once()
    {
        var payout = (await _app.SendAsync(Commands.Payout("25.50", "PEN") with { Destination = Commands.PeruvianAccount() })).Value;

        payout.Status.Should().Be(PayoutStatus.InitiationPending);
        _app.Stored.Outbox().Should().ContainSingle("the dispatcher is handed the payout in the same transaction");
    }

    [Fact]
    public async Task A_payout_to_a_paypal_email_goes_to_paypal_at_once()
    {
        var payout = (await _app.SendAsync(Commands.Payout() with { Destination = new PayPalEmailInput("ana@example.com") })).Value;

        payout.Status.Should().Be(PayoutStatus.InitiationPending);
        _app.Stored.Payout(payout.Id).Provider.Should().Be(Provider.PayPal);
    }

    [Theory]
    [InlineData("10", "EUR", "10.00")]
    [InlineData("0.01", "EUR", "0.01")]
    [InlineData("1000", "JPY", "1000")]
    [InlineData("1.234", "KWD", "1.234")]
    public async Task Amounts_are_parsed_exactly(string amount, string currency, string expected)
    {
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 1_000_000, "c-" + currency, currency: currency))).IsSuccess.Should().BeTrue();

        var payout = await _app.SendAsync(Commands.Payout(amount, currency));

        payout.Value.Amount.Should().Be(expected);
    }

    public static TheoryData<CreatePayoutCommand, string> Invalid => new()
    {
        { Commands.Payout("10.005"), "amount" },
        { Commands.Payout("10,00"), "amount" },
        { Commands.Payout("-5.00"), "amount" },
        { Commands.Payout("0.00"), "amount" },
        { Commands.Payout("1e3"), "amount" },
        { Commands.Payout("10.5", "JPY"), "amount" },
        { Commands.Payout(currency: "eur"), "currency" },
        { Commands.Payout(currency: "EURO"), "currency" },
        { Commands.Payout(currency: "XYZ"), "currency" },
        { Commands.Payout() with { Description = new string('d', 256) }, "description" },
        { Commands.Payout() with { ExternalId = new string('e', 256) }, "externalId" },
        { Commands.Payout() with { RedirectUrl = "http://merchant.example/return" }, "redirectUrl" },
        { Commands.Payout() with { RedirectUrl = "https://merchant.example/" + new string('r', 2048) }, "redirectUrl" },
        { Commands.Payout() with { WebhookUrl = "not a url" }, "webhookUrl" },
        { Commands.Payout() with { WebhookUrl = "http://localhost:9000/hooks" }, "webhookUrl" },
        { Commands.Payout() with { MetadataJson = """{"items":[1,2]}""" }, "metadata.items" },
        { Commands.Payout() with { MetadataJson = """{"note":null}""" }, "metadata.note" },
        { Commands.Payout() with { MetadataJson = "{\"blob\":\"" + new string('m', 4100) + "\"}" }, "metadata" },
        { Commands.Payout() with { CustomerName = new string('n', 256) }, "customer.name" },
        { Commands.Payout() with { RefId = new string('r', 256) }, "refId" },
        { Commands.Payout() with { RefId = "batch\n7" }, "refId" },
        { Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() with { DocumentId = "1234567" } }, "destination.tupayBankAccount.documentId" },
        { Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() with { BankAccount = "123" } }, "destination.tupayBankAccount.bankAccount" },
        { Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() with { AccountType = "X" } }, "destination.tupayBankAccount.accountType" },
        { Commands.Payout() with { Destination = new LinkedPayeeInput("paypal", "P1") }, "destination.linkedPayee.provider" },
        { Commands.Payout() with { Destination = new PayPalEmailInput("not an email") }, "destination.paypal.email" },
        { Commands.Payout("10.00", "EUR") with { Destination = Commands.PeruvianAccount() }, "currency" },
        { Commands.Payout("10.00", "PEN") with { Destination = new PayPalEmailInput("ana@example.com") }, "currency" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Every_rule_names_its_field_and_changes_nothing(CreatePayoutCommand command, string field)
    {
        var result = await _app.SendAsync(command);

        result.Error.Kind.Should().Be(ErrorKind.Validation);
        result.Error.Violations.Select(v => v.Field).Should().Contain(field);
        _app.Stored.Payouts().Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "type")]
    [InlineData("payin", "type")]
    public async Task Only_payouts_are_made_here(string type, string field)
    {
        var result = await _app.SendAsync(Commands.Payout() with { Type = type });

        result.Error.Message.Should().Contain("\"payout\"");
        result.Error.Violations.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public async Task Missing_amount_and_currency_are_named()
    {
        var result = await _app.SendAsync(Commands.Payout("", ""));

        result.Error.Message.Should().Be("Missing required parameters: amount, currency");
    }

    [Fact]
    public async Task The_same_request_with_the_same_external_id_returns_the_same_payout()
    {
        var first = (await _app.SendAsync(Commands.Payout() with { ExternalId = "order-1456" })).Value;
        var again = (await _app.SendAsync(Commands.Payout() with { ExternalId = "order-1456" })).Value;

        first.Replayed.Should().BeFalse();
        again.Replayed.Should().BeTrue("the second request is told it replayed, so it answers 200, not 201");
        (again with { Replayed = false }).Should().Be(first);
        (await BalanceAsync("EUR")).Should().Be((99_000, 1_000), "reserved once");
    }

    [Fact]
    public async Task A_different_request_reusing_an_external_id_is_refused()
    {
        await _app.SendAsync(Commands.Payout() with { ExternalId = "order-1456" });

        var other = await _app.SendAsync(Commands.Payout("11.00") with { ExternalId = "order-1456" });

        other.Error.Kind.Should().Be(ErrorKind.AlreadyExists);
        _app.Stored.Payouts().Should().ContainSingle();
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_response()
    {
        var first = (await _app.SendAsync(Commands.Payout() with { IdempotencyKey = "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1" })).Value;
        var again = (await _app.SendAsync(Commands.Payout() with { IdempotencyKey = "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1" })).Value;

        again.Should().BeEquivalentTo(first with { Replayed = true });
        _app.Stored.Payouts().Should().ContainSingle();
    }

    [Fact]
    public async Task Without_a_key_the_same_content_replays_within_the_window_and_not_after_it()
    {
        var first = (await _app.SendAsync(Commands.Payout())).Value;
        var again = (await _app.SendAsync(Commands.Payout())).Value;
        _app.Clock.Advance(new PayoutPolicy().ContentReplayWindow + TimeSpan.FromSeconds(1));
        var later = (await _app.SendAsync(Commands.Payout())).Value;

        again.Replayed.Should().BeTrue();
        again.Id.Should().Be(first.Id);
        later.Replayed.Should().BeFalse("the window has passed: the same content is a new payout");
        later.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public async Task More_than_the_balance_is_refused_and_nothing_is_written()
    {
        var result = await _app.SendAsync(Commands.Payout("1000.01"));

        result.Error.Message.Should().Be("Insufficient balance");
        _app.Stored.Payouts().Should().BeEmpty();
        (await BalanceAsync("EUR")).Should().Be((100_000, 0));
    }

    private async Task<(long Available, long Reserved)> BalanceAsync(string currency)
    {
        var balance = (await _app.AskAsync(new GetBalanceQuery(MerchantAccounts.OwnerOf(Commands.Merchant), currency))).Value;
        return (balance.Available, balance.Reserved);
    }
}
