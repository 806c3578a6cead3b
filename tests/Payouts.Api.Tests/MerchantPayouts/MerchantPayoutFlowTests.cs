using System.Text.Json;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Application.Balances;
using Payouts.Application.Webhooks;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.MerchantPayouts;

/// <summary>
/// A merchant payout end to end over gRPC: a merchant token, CreatePayout with a Peruvian bank account, the
/// dispatcher and the Tupay sandbox, and the merchant's signed webhooks arriving in order at an https endpoint.
/// </summary>
public sealed class MerchantPayoutFlowTests : IAsyncLifetime
{
    private const string Create = "/payouts.v1.PayoutService/CreatePayout";
    private const string Get = "/payouts.v1.PayoutService/GetPayout";
    private const string Cancel = "/payouts.v1.PayoutService/CancelPayout";
    private ProvidersHost _host = null!;
    private WebhookReceiver _receiver = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _host = await ProvidersHost.StartAsync(service:
        [
            $"--Webhooks:TrustedCertificatePath={_receiver.CertificatePath}",
            "--Webhooks:IdleDelay=00:00:00.050",
            "--Webhooks:AllowPrivateNetworks=true",
            "--Webhooks:BaseBackoff=00:00:00.100",
        ]);
        _token = await _host.MerchantTokenAsync("acme", "payout");
        await _host.FundAsync("merchant:acme", 100_00, "PEN");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_payout_to_a_bank_account_succeeds_through_tupay_and_the_merchant_gets_signed_webhooks_in_order()
    {
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = Initiation("25.00") }, _token);
        created.Status.Should().Be(0, created.Message);
        var id = created.Response!.Payout.Id;

        var final = await ProvidersHost.EventuallyAsync(
            async () => (await _host.Grpc.UnaryAsync<GetPayoutResponse>(Get, new GetPayoutRequest { Id = id }, _token)).Response!.Payout,
            p => p.Status == PayoutState.Succeeded, "the payout to succeed");
        await ProvidersHost.EventuallyAsync(() => Task.FromResult(_receiver.Deliveries), d => d.Any(w => Type(w) == "payout.succeeded"), "the succeeded webhook");

        final.InitiationStatus.Should().Be(PayoutStatus.InitiationCompleted);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            // Merchants have no balance RPC (users' CashoutService refuses merchant owners): read the ledger directly.
            var balance = await scope.ServiceProvider.GetRequiredService<IBalanceReader>()
                .FindAsync("merchant:acme", "PEN", CancellationToken.None);
            (balance!.Available, balance.Reserved).Should().Be((75_00L, 0L));
        }

        var key = StandardWebhooks.KeyFromToken(_token);
        _receiver.Deliveries.Should().AllSatisfy(w =>
            StandardWebhooks.Verify(w.Id, w.Timestamp, w.Signature, w.Body, [key], DateTimeOffset.UtcNow).Should().Be(WebhookVerification.Valid));
        // "processing" may be superseded by "succeeded" before it is delivered; the final status always arrives, last.
        _receiver.Deliveries.Select(Type).Should().EndWith("payout.succeeded").And.BeSubsetOf(["payout.processing", "payout.succeeded"]);
        _receiver.Deliveries.Select(Sequence).Should().BeInAscendingOrder();
        _receiver.Deliveries.Should().AllSatisfy(w => JsonDocument.Parse(w.Body).RootElement.GetProperty("id").GetString().Should().Be(id));
    }

    [Fact]
    public async Task A_payout_followed_from_create_through_the_hosted_form_and_tupay_to_a_signed_succeeded_webhook()
    {
        var initiation = Initiation("30.00");
        initiation.Destination = null;
        initiation.ExternalId = "order-3000";
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = initiation }, _token);
        created.Status.Should().Be(0, created.Message);
        var payout = created.Response!.Payout;
        payout.InitiationStatus.Should().Be(PayoutStatus.AwaitingRecipientDetails);

        // The recipient opens the url and submits their bank account.
        var form = new Uri(_host.Http, new Uri(payout.Url).PathAndQuery);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(form);
        var csrf = System.Text.RegularExpressions.Regex.Match(page, $"name=\"{Payouts.Api.HostedForm.CheckinCsrf.FieldName}\" value=\"([^\"]+)\"").Groups[1].Value;
        using var submitted = await browser.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Payouts.Api.HostedForm.CheckinCsrf.FieldName] = csrf,
            [Payouts.Api.HostedForm.HostedFormFields.Method] = "pe_bank_account",
            ["country"] = "PE",
            ["document_type"] = "DNI",
            ["document_id"] = "12345678",
            ["beneficiary_name"] = "Ana",
            ["beneficiary_lastname"] = "Quispe",
            ["bank_account"] = "00219300153895206813",
            ["account_type"] = "C",
        }));
        submitted.StatusCode.Should().Be(System.Net.HttpStatusCode.SeeOther);
        submitted.Headers.Location!.ToString().Should().Be($"https://merchant.example/return?payout_id={payout.Id}");

        await ProvidersHost.EventuallyAsync(
            () => Task.FromResult(_receiver.Deliveries),
            d => d.Any(w => Type(w) == "payout.succeeded" && JsonDocument.Parse(w.Body).RootElement.GetProperty("id").GetString() == payout.Id),
            "the signed succeeded webhook");
        var succeeded = _receiver.Deliveries.Single(w => Type(w) == "payout.succeeded" && JsonDocument.Parse(w.Body).RootElement.GetProperty("id").GetString() == payout.Id);
        StandardWebhooks.Verify(succeeded.Id, succeeded.Timestamp, succeeded.Signature, succeeded.Body, [StandardWebhooks.KeyFromToken(_token)], DateTimeOffset.UtcNow)
            .Should().Be(WebhookVerification.Valid);
        var final = (await _host.Grpc.UnaryAsync<GetPayoutResponse>(Get, new GetPayoutRequest { Id = payout.Id }, _token)).Response!.Payout;
        (final.Status, final.InitiationStatus).Should().Be((PayoutState.Succeeded, PayoutStatus.InitiationCompleted));

        // The event speaks seed 002's words, as GET /payouts/{id} does: INITIATION_COMPLETED, not InitiationCompleted.
        var data = JsonDocument.Parse(succeeded.Body).RootElement.GetProperty("data");
        (data.GetProperty("status").GetString(), data.GetProperty("initiationStatus").GetString()).Should().Be(("succeeded", "INITIATION_COMPLETED"));
    }

    [Fact]
    public async Task Without_a_webhook_url_the_merchants_default_receives_the_events()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var set = await scope.ServiceProvider.GetRequiredService<Payouts.Application.Common.Messaging.IUseCases>().SendAsync(
                new Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl.SetDefaultWebhookUrlCommand("acme", _receiver.Url.ToString()), CancellationToken.None);
            set.IsSuccess.Should().BeTrue();
        }

        var initiation = Initiation("12.00");
        initiation.WebhookUrl = "";
        initiation.ExternalId = "order-1200";
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = initiation }, _token);

        await ProvidersHost.EventuallyAsync(
            () => Task.FromResult(_receiver.Deliveries),
            d => d.Any(w => Type(w) == "payout.succeeded" && JsonDocument.Parse(w.Body).RootElement.GetProperty("id").GetString() == created.Response!.Payout.Id),
            "the succeeded webhook at the merchant's default URL");
    }

    [Fact]
    public async Task A_payout_without_destination_can_be_cancelled_and_says_so_by_webhook()
    {
        var initiation = Initiation("10.00");
        initiation.Destination = null;
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = initiation }, _token);

        var cancelled = await _host.Grpc.UnaryAsync<CancelPayoutResponse>(Cancel, new CancelPayoutRequest { Id = created.Response!.Payout.Id }, _token);

        cancelled.Response!.Payout.Status.Should().Be(PayoutState.Cancelled);
        await ProvidersHost.EventuallyAsync(() => Task.FromResult(_receiver.Deliveries), d => d.Any(w => Type(w) == "payout.cancelled"), "the cancelled webhook");
    }

    [Fact]
    public async Task A_gRPC_caller_reads_bad_fields_by_their_proto_paths_in_the_request()
    {
        var initiation = Initiation("10.00");
        initiation.WebhookUrl = "http://merchant.example/hooks";
        initiation.Destination.TupayBankAccount.DocumentId = "1234567";

        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = initiation }, _token);

        created.Status.Should().Be(3);
        created.ViolatedFields.Should().BeEquivalentTo("initiation.webhook_url", "initiation.destination.tupay_bank_account.document_id");
    }

    [Fact]
    public async Task The_seed_fields_come_back_and_the_private_ones_do_not()
    {
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = Initiation("10.00") }, _token);

        var payout = created.Response!.Payout;
        (payout.Amount, payout.Currency, payout.ExternalId, payout.Description).Should().Be(("10.00", "PEN", "order-1456", "Order #1456"));
        payout.Metadata.Fields["orderId"].NumberValue.Should().Be(1456);
        payout.Url.Should().StartWith(_host.Http.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal)[..7]).And.Contain("/checkin/" + payout.Id + ".");
        created.Response.ToString().Should().NotContain("merchant.example/return").And.NotContain(_receiver.Url.ToString()).And.NotContain("Ana Quispe");
    }

    [Fact]
    public async Task A_user_token_naming_a_merchant_owner_cannot_read_or_spend_its_balance()
    {
        var balance = await _host.Grpc.UnaryAsync<GetBalanceResponse>(
            "/payouts.v1.CashoutService/GetBalance", new GetBalanceRequest { Currency = "PEN" }, TestTokens.For("merchant:acme"));
        var cashout = await _host.CashoutAsync("merchant:acme", "paypal", 1_000);
        var withMerchantToken = await _host.Grpc.UnaryAsync<GetBalanceResponse>(
            "/payouts.v1.CashoutService/GetBalance", new GetBalanceRequest { Currency = "PEN" }, _token);

        (balance.Status, cashout.Status, withMerchantToken.Status).Should().Be((7, 7, 7));
    }

    [Theory]
    [InlineData(null, 16, "no token")]
    [InlineData("user", 7, "a user's token is not a merchant's")]
    [InlineData("no-permission", 7, "a merchant token without the payout permission")]
    [InlineData("revoked", 16, "a revoked token")]
    public async Task Only_a_merchant_token_with_the_payout_permission_creates_payouts(string? who, int status, string because)
    {
        var token = who switch
        {
            null => null,
            "user" => TestTokens.For("acme"),
            "no-permission" => await _host.MerchantTokenAsync("acme"),
            _ => await RevokedTokenAsync(),
        };

        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, new CreatePayoutRequest { Initiation = Initiation("10.00") }, token);

        created.Status.Should().Be(status, because);
    }

    private async Task<string> RevokedTokenAsync()
    {
        var token = await _host.MerchantTokenAsync("acme", "payout");
        await using var scope = _host.Services.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<Payouts.Application.Merchants.IMerchantTokenReader>().ListAsync("acme", CancellationToken.None);
        var id = tokens.Single(t => t.TokenHash == Payouts.Application.Merchants.MerchantToken.HashOf(token)).Id;
        var revoked = await scope.ServiceProvider.GetRequiredService<Payouts.Application.Common.Messaging.IUseCases>()
            .SendAsync(new Payouts.Application.Merchants.Commands.RevokeMerchantToken.RevokeMerchantTokenCommand(id), CancellationToken.None);
        revoked.IsSuccess.Should().BeTrue();
        return token;
    }

    private PayoutInitiation Initiation(string amount) => new()
    {
        Amount = amount,
        Currency = "PEN",
        Type = "payout",
        Description = "Order #1456",
        ExternalId = amount == "25.00" ? "order-2500" : "order-1456",
        RedirectUrl = "https://merchant.example/return",
        WebhookUrl = _receiver.Url.ToString(),
        Customer = new Customer { Id = "cust-1", Name = "Ana Quispe" },
        Metadata = Google.Protobuf.WellKnownTypes.Struct.Parser.ParseJson("""{"orderId":1456}"""),
        Destination = new PayoutDestination
        {
            TupayBankAccount = new TupayBankAccount
            {
                Country = "PE", DocumentType = "DNI", DocumentId = "12345678", BeneficiaryName = "Ana", BeneficiaryLastname = "Quispe",
                BankAccount = "00219300153895206813", AccountType = "C",
            },
        },
    };

    private static string Type(WebhookReceiver.Received w) => JsonDocument.Parse(w.Body).RootElement.GetProperty("type").GetString()!;

    private static long Sequence(WebhookReceiver.Received w) => JsonDocument.Parse(w.Body).RootElement.GetProperty("sequence").GetInt64();
}
