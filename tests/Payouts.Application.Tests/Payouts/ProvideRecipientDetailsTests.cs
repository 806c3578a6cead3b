using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Application.Payouts.Commands.ProvideRecipientDetails;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Application.Payouts.Queries.GetHostedForm;
using Payouts.Application.Tests.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Domain.Payouts.Destinations;

namespace Payouts.Application.Tests.Payouts;

/// <summary>The hosted form's submission: the payout goes to the dispatcher once, only through a live link.</summary>
public sealed class ProvideRecipientDetailsTests : IAsyncLifetime
{
    private readonly ScriptedProvider _tupay = new(Domain.Payouts.Provider.Tupay);
    private readonly ScriptedProvider _paypal = new(Domain.Payouts.Provider.PayPal);
    private readonly UseCaseHarness _app;

    public ProvideRecipientDetailsTests() => _app = new UseCaseHarness(configure: services => services
        .AddSingleton<IPayoutProvider>(_tupay)
        .AddSingleton<IPayoutProvider>(_paypal));

    public async Task InitializeAsync()
    {
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 100_000, currency: "PEN"))).IsSuccess.Should().BeTrue();
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 100_000, "usd-1", currency: "USD"))).IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Details_hand_the_payout_to_the_dispatcher_with_the_encoded_account()
    {
        var payout = await CreateAsync();

        var accepted = await _app.SendAsync(Details(payout));

        accepted.Value.PayoutId.Should().Be(payout.PublicId);
        accepted.Value.RedirectTo.Should().Be(new Uri($"https://merchant.example/return?payout_id={payout.PublicId}"));
        var (payoutId, recipient) = PayoutMessages.ReadCreated(_app.Stored.Outbox().Single().Payload);
        payoutId.Should().Be(payout.Id);
        RecipientCodec.Decode(recipient).Should().Be(new PeruvianBankAccount("DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "S", "PE"));
        _app.Stored.MerchantPayout(payout.Id).FormUsedAt.Should().NotBeNull("the form is spent");

        await _app.PumpDispatchAsync();
        _tupay.Received.Should().ContainKey(payout.Id, "the dispatcher sends it to Tupay");
    }

    [Fact]
    public async Task PayPal_details_hand_the_payout_to_paypal_with_the_encoded_email()
    {
        var payout = await CreateAsync();

        var accepted = await _app.SendAsync(PayPal(payout));

        accepted.Value.PayoutId.Should().Be(payout.PublicId);
        accepted.Value.RedirectTo.Should().Be(new Uri($"https://merchant.example/return?payout_id={payout.PublicId}"));
        var (payoutId, recipient) = PayoutMessages.ReadCreated(_app.Stored.Outbox().Single().Payload);
        payoutId.Should().Be(payout.Id);
        recipient.Should().Be(RecipientCodec.Encode(new EmailAddress("ana.quispe@example.com")));
        RecipientCodec.Decode(recipient).Should().Be(new EmailAddress("ana.quispe@example.com"));
        _app.Stored.Payout(payout.Id).Provider.Should().Be(Provider.PayPal);

        await _app.PumpDispatchAsync();
        _paypal.Received.Should().ContainKey(payout.Id, "the dispatcher sends it to PayPal");
        _tupay.Received.Should().NotContainKey(payout.Id);
    }

    [Fact]
    public async Task The_merchants_query_is_kept_and_a_payout_id_of_its_own_replaced()
    {
        var payout = await CreateAsync(redirectUrl: "https://merchant.example/done?order=1456&payout_id=old&lang=es#top");

        var accepted = await _app.SendAsync(Details(payout));

        accepted.Value.RedirectTo!.ToString().Should().Be($"https://merchant.example/done?order=1456&lang=es&payout_id={payout.PublicId}#top");
    }

    [Fact]
    public async Task Without_a_redirect_url_there_is_no_redirect()
    {
        var payout = await CreateAsync(redirectUrl: "");

        (await _app.SendAsync(Details(payout))).Value.RedirectTo.Should().BeNull();
    }

    [Fact]
    public async Task A_link_is_used_once()
    {
        var payout = await CreateAsync();
        (await _app.SendAsync(Details(payout))).IsSuccess.Should().BeTrue();

        var again = await _app.SendAsync(Details(payout) with { BeneficiaryName = "Mallory" });

        again.Error.Should().Be(HostedFormErrors.Used);
        again.Error.Message.Should().Be("This payout link has already been used.");
        (await _app.AskAsync(new GetHostedFormQuery(TokenOf(payout)))).Error.Should().Be(HostedFormErrors.Used);
        _app.Stored.Outbox().Should().ContainSingle();
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_link_hand_over_one_payout()
    {
        var payout = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _app.SendAsync(Details(payout))));

        // Identical submissions (a double-click, a retry) all get the first one's answer; only one is taken.
        results.Should().OnlyContain(r => r.IsSuccess);
        _app.Stored.Outbox().Should().ContainSingle();
    }

    [Fact]
    public async Task A_link_expires_with_the_form_lifetime()
    {
        var payout = await CreateAsync();
        _app.Clock.Advance(new PayoutPolicy().FormLifetime);

        var late = await _app.SendAsync(Details(payout));

        late.Error.Message.Should().Be("This payout link has expired.");
        (await _app.AskAsync(new GetHostedFormQuery(TokenOf(payout)))).Error.Should().Be(HostedFormErrors.Expired);
        _app.Stored.Outbox().Should().BeEmpty();
    }

    [Fact]
    public async Task A_link_works_until_just_before_it_expires()
    {
        var payout = await CreateAsync();
        _app.Clock.Advance(new PayoutPolicy().FormLifetime - TimeSpan.FromSeconds(1));

        (await _app.SendAsync(Details(payout))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task A_cancelled_payout_takes_no_details()
    {
        var payout = await CreateAsync();
        (await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, payout.PublicId))).IsSuccess.Should().BeTrue();

        var submitted = await _app.SendAsync(Details(payout));

        submitted.Error.Should().Be(HostedFormErrors.Cancelled);
        submitted.Error.Message.Should().Contain("cancelled");
        (await _app.AskAsync(new GetHostedFormQuery(TokenOf(payout)))).Error.Should().Be(HostedFormErrors.Cancelled);
        _app.Stored.Outbox().Should().BeEmpty();
    }

    [Fact]
    public async Task A_payout_created_with_its_destination_has_no_form_to_fill()
    {
        var payout = (await _app.SendAsync(Commands.Payout("10.00", "PEN") with { Destination = Commands.PeruvianAccount() })).Value;

        (await _app.SendAsync(Details(payout))).Error.Should().Be(HostedFormErrors.Used);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pay_1")]
    [InlineData("pay_1.00000000000000000000000000000000")]
    [InlineData("not-a-token")]
    public async Task A_forged_or_unknown_token_is_not_found(string token)
    {
        (await _app.SendAsync(Details(token))).Error.Should().Be(HostedFormErrors.NotFound);
        (await _app.AskAsync(new GetHostedFormQuery(token))).Error.Should().Be(HostedFormErrors.NotFound);
    }

    [Fact]
    public async Task Another_payouts_mac_does_not_open_this_payout()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        var spliced = second.PublicId + TokenOf(first)[first.PublicId.Length..];

        (await _app.SendAsync(Details(spliced))).Error.Should().Be(HostedFormErrors.NotFound);
    }

    [Fact]
    public async Task The_page_shows_the_amount_description_and_methods_only()
    {
        var payout = await CreateAsync();

        var form = (await _app.AskAsync(new GetHostedFormQuery(TokenOf(payout)))).Value;

        form.Should().BeEquivalentTo(new HostedFormView(payout.PublicId, "10.00", "USD", "Order #1456", RecipientMethods.All, new Uri("https://merchant.example")));
    }

    [Fact]
    public async Task Only_methods_whose_provider_pays_the_currency_are_offered_and_accepted()
    {
        var soles = await CreateAsync(currency: "PEN");

        var form = (await _app.AskAsync(new GetHostedFormQuery(TokenOf(soles)))).Value;
        var paypal = await _app.SendAsync(PayPal(soles));

        form.Methods.Should().Equal(RecipientMethods.PeruvianBankAccount);
        paypal.Error.Violations.Should().ContainSingle().Which.Field.Should().Be("method");
        _app.Stored.Outbox().Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_details_sent_twice_answer_the_same_redirect()
    {
        var payout = await CreateAsync();

        var first = (await _app.SendAsync(Details(payout))).Value;
        var again = (await _app.SendAsync(Details(payout))).Value;

        again.Should().Be(first);
        _app.Stored.Outbox().Should().ContainSingle();
    }

    public static TheoryData<Func<ProvideRecipientDetailsCommand, ProvideRecipientDetailsCommand>, string> InvalidFields => new()
    {
        { c => c with { Method = "payoneer" }, "method" },
        { c => c with { Method = "" }, "method" },
        { c => c with { Country = "CO" }, "country" },
        { c => c with { DocumentType = "XX" }, "document_type" },
        { c => c with { DocumentId = "1234567" }, "document_id" },
        { c => c with { DocumentId = "1234567890123" }, "document_id" },
        { c => c with { DocumentId = "1234567a" }, "document_id" },
        { c => c with { BeneficiaryName = " " }, "beneficiary_name" },
        { c => c with { BeneficiaryName = new string('n', 101) }, "beneficiary_name" },
        { c => c with { BeneficiaryLastName = new string('n', 101) }, "beneficiary_lastname" },
        { c => c with { BankAccount = "0021930015389520681" }, "bank_account" },
        { c => c with { BankAccount = "0021930015389520681X" }, "bank_account" },
        { c => c with { AccountType = "X" }, "account_type" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_field_rule_names_its_field_and_changes_nothing(Func<ProvideRecipientDetailsCommand, ProvideRecipientDetailsCommand> change, string field)
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(change(Details(payout)));

        submitted.Error.Kind.Should().Be(ErrorKind.Validation);
        submitted.Error.Violations.Select(v => v.Field).Should().Equal(field);
        (await _app.AskAsync(new GetHostedFormQuery(TokenOf(payout)))).IsSuccess.Should().BeTrue("a rejected submission leaves the link usable");
    }

    public static TheoryData<string> InvalidEmails => new()
    {
        "",
        "ana.quispe",
        "ana quispe@example.com",
        "Ana <ana.quispe@example.com>",
        "ana@example.com, bob@example.com",
        new string('a', PayPalEmailRules.MaxLength - "@example.com".Length + 1) + "@example.com",
    };

    [Theory]
    [MemberData(nameof(InvalidEmails))]
    public async Task A_missing_bad_or_too_long_paypal_email_names_email(string email)
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(PayPal(payout) with { Email = email });

        submitted.Error.Kind.Should().Be(ErrorKind.Validation);
        submitted.Error.Violations.Select(v => v.Field).Should().Equal("email");
        _app.Stored.Outbox().Should().BeEmpty();
    }

    [Fact]
    public async Task The_longest_paypal_email_is_taken()
    {
        var payout = await CreateAsync();
        var longest = new string('a', PayPalEmailRules.MaxLength - "@example.com".Length) + "@example.com";

        (await _app.SendAsync(PayPal(payout) with { Email = longest })).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task With_paypal_chosen_the_bank_account_fields_are_not_checked()
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(PayPal(payout) with { Country = "CO", DocumentType = "XX", DocumentId = "1", BankAccount = "1", AccountType = "X" });

        submitted.IsSuccess.Should().BeTrue();
        RecipientCodec.Decode(PayoutMessages.ReadCreated(_app.Stored.Outbox().Single().Payload).Recipient).Should().Be(new EmailAddress("ana.quispe@example.com"));
    }

    [Fact]
    public async Task With_paypal_chosen_and_a_bad_email_only_email_is_reported()
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(new ProvideRecipientDetailsCommand(TokenOf(payout), RecipientMethods.PayPalEmail.Id, "", "", "", "", "", "", "", "not-an-email"));

        submitted.Error.Violations.Select(v => v.Field).Should().Equal("email");
    }

    [Fact]
    public async Task With_the_bank_account_chosen_the_email_is_not_checked()
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(Details(payout) with { Email = "not-an-email" });

        submitted.IsSuccess.Should().BeTrue();
        RecipientCodec.Decode(PayoutMessages.ReadCreated(_app.Stored.Outbox().Single().Payload).Recipient).Should().BeOfType<PeruvianBankAccount>();
    }

    [Fact]
    public async Task With_the_bank_account_chosen_and_bad_fields_email_is_not_reported()
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(Details(payout) with { BankAccount = "1", Email = "not-an-email" });

        submitted.Error.Violations.Select(v => v.Field).Should().Equal("bank_account");
    }

    [Fact]
    public async Task Every_wrong_field_is_reported_at_once()
    {
        var payout = await CreateAsync();

        var submitted = await _app.SendAsync(new ProvideRecipientDetailsCommand(TokenOf(payout), RecipientMethods.PeruvianBankAccount.Id, "", "", "", "", "", "", "", ""));

        submitted.Error.Violations.Select(v => v.Field).Should()
            .BeEquivalentTo("country", "document_type", "document_id", "beneficiary_name", "bank_account", "account_type");
    }

    [Fact]
    public void The_command_never_prints_personal_data()
    {
        var text = Details("pay_1.abc").ToString();
        var paypal = PayPal("pay_1.abc").ToString();

        text.Should().NotContain("12345678").And.NotContain("Ana").And.NotContain("00219300153895206813").And.NotContain("pay_1.abc");
        paypal.Should().NotContain("ana.quispe").And.NotContain("example.com").And.NotContain("pay_1.abc");
    }

    /// <summary>USD by default: both Tupay and PayPal pay it, so every method is on offer.</summary>
    private async Task<PayoutView> CreateAsync(string redirectUrl = "https://merchant.example/return", string currency = "USD") =>
        (await _app.SendAsync(Commands.Payout("10.00", currency) with { RedirectUrl = redirectUrl, IdempotencyKey = Guid.NewGuid().ToString() })).Value;

    private static string TokenOf(PayoutView payout) => payout.Url.AbsolutePath["/checkin/".Length..];

    private static ProvideRecipientDetailsCommand Details(PayoutView payout) => Details(TokenOf(payout));

    private static ProvideRecipientDetailsCommand Details(string token) =>
        new(token, RecipientMethods.PeruvianBankAccount.Id, "PE", "DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "S", "");

    private static ProvideRecipientDetailsCommand PayPal(PayoutView payout) => PayPal(TokenOf(payout));

    /// <summary>PayPal chosen, the bank account section left empty as the page sends it.</summary>
    private static ProvideRecipientDetailsCommand PayPal(string token) =>
        new(token, RecipientMethods.PayPalEmail.Id, "", "", "", "", "", "", "", "ana.quispe@example.com");
}
