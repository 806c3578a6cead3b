using System.Net;
using System.Text.Json;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>Seed 000's routes with the seed's own bodies, answered in the seed's envelope, types and messages.</summary>
public sealed class Seed000RouteTests(RestFixture rest) : IClassFixture<RestFixture>
{
    private ProvidersHost Host => rest.Host;

    [Fact]
    public async Task Link_then_process_answers_exactly_the_seeds_success_envelopes()
    {
        var token = TestTokens.For("rest-alice");
        var link = await rest.PostAsync("/cashout/link", """{"provider":"paypal"}""", token);

        link.Status.Should().Be(HttpStatusCode.OK, link.ToString());
        link.ContentType.Should().Be("application/json");
        var data = link.Json.GetProperty("data");
        link.Json.GetProperty("status").GetString().Should().Be("success");
        data.GetProperty("message").GetString().Should().Be("Cashout link created successfully");
        data.GetProperty("provider").GetString().Should().Be("paypal");
        data.GetProperty("method").GetString().Should().Be("link");
        Names(data).Should().BeEquivalentTo("message", "link", "provider", "method");
        (await Host.CompleteLinkInBrowserAsync(data.GetProperty("link").GetString()!)).Status.Should().Be(HttpStatusCode.OK);
        await Host.FundAsync("rest-alice", 20_000);

        var process = await rest.PostAsync("/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", token);

        process.Status.Should().Be(HttpStatusCode.OK, process.ToString());
        process.Json.GetProperty("status").GetString().Should().Be("success");
        var cashout = process.Json.GetProperty("data");
        Names(cashout).Should().BeEquivalentTo("message", "cashout_id", "amount", "type", "status");
        cashout.GetProperty("message").GetString().Should().Be("Cashout processed successfully");
        cashout.GetProperty("cashout_id").ValueKind.Should().Be(JsonValueKind.Number, "the seed's cashout_id is a JSON number");
        cashout.GetProperty("cashout_id").GetInt64().Should().BePositive();
        cashout.GetProperty("amount").ValueKind.Should().Be(JsonValueKind.Number);
        cashout.GetProperty("amount").GetInt64().Should().Be(10000);
        cashout.GetProperty("type").GetString().Should().Be("paypal");
        cashout.GetProperty("status").GetString().Should().Be("pending");
        (await Host.BalanceAsync("rest-alice")).Available.Should().Be(10_000);
    }

    [Fact]
    public async Task Tipalti_link_creates_the_payee_with_the_seeds_fields()
    {
        const string Body = """
            {"provider":"tipalti","payeeType":"Individual","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com",
             "address":{"line1":"1 Main St","city":"Springfield","state":"IL","postalCode":"62701","country":"US"},
             "phone":"+15555550100","taxDetails":{"tin":"123"},"paymentMethod":{"type":"ach"}}
            """;
        var token = TestTokens.For("rest-carol");

        var first = await rest.PostAsync("/cashout/link", Body, token);
        var again = await rest.PostAsync("/cashout/link", Body, token);

        first.Status.Should().Be(HttpStatusCode.OK, first.ToString());
        var data = first.Json.GetProperty("data");
        Names(data).Should().BeEquivalentTo("message", "provider", "payeeId", "alreadyExists");
        data.GetProperty("message").GetString().Should().Be("Tipalti payee account created successfully");
        data.GetProperty("provider").GetString().Should().Be("tipalti");
        data.GetProperty("alreadyExists").ValueKind.Should().Be(JsonValueKind.False);
        again.Json.GetProperty("data").GetProperty("alreadyExists").ValueKind.Should().Be(JsonValueKind.True);
        again.Json.GetProperty("data").GetProperty("payeeId").GetString().Should().Be(data.GetProperty("payeeId").GetString());
    }

    [Fact]
    public async Task Unlink_removes_a_linked_Payoneer_method_in_the_seeds_envelope()
    {
        var token = TestTokens.For("rest-bob");
        var link = await rest.PostAsync("/cashout/link", """{"provider":"payoneer"}""", token);
        (await Host.CompleteLinkInBrowserAsync(link.Json.GetProperty("data").GetProperty("link").GetString()!)).Status.Should().Be(HttpStatusCode.OK);
        await ProvidersHost.EventuallyAsync(() => Host.MethodAsync("rest-bob", "payoneer"), m => m?.Status == CashoutMethodStatus.Linked, "the payee approval");

        var unlink = await rest.PostAsync("/cashout/unlink", """{"provider":"payoneer"}""", token);

        unlink.Status.Should().Be(HttpStatusCode.OK, unlink.ToString());
        unlink.Body.Should().Be("""{"status":"success","data":{"message":"Payoneer cashout method unlinked successfully","provider":"payoneer"}}""");
    }

    [Theory]
    [InlineData("/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", false, HttpStatusCode.Unauthorized, "User not authenticated")]
    [InlineData("/cashout/process", """{"provider":"paypal"}""", true, HttpStatusCode.BadRequest, "Missing required parameters: type and amount")]
    [InlineData("/cashout/process", "", true, HttpStatusCode.BadRequest, "Missing required parameters: type and amount")]
    [InlineData("/cashout/process", """{"type":"paypal","amount":0,"provider":"paypal"}""", true, HttpStatusCode.BadRequest, "Invalid amount")]
    [InlineData("/cashout/process", """{"type":"paypal","amount":"ten","provider":"paypal"}""", true, HttpStatusCode.BadRequest, "Invalid amount")]
    [InlineData("/cashout/process", """{"type":"paypal","amount":10.5,"provider":"paypal"}""", true, HttpStatusCode.BadRequest, "Invalid amount")]
    [InlineData("/cashout/unlink", """{}""", true, HttpStatusCode.BadRequest, "Missing required parameter: provider")]
    [InlineData("/cashout/unlink", """{"provider":"paypal"}""", true, HttpStatusCode.BadRequest, "Invalid provider")]
    [InlineData("/cashout/unlink", """{"provider":"payoneer"}""", true, HttpStatusCode.BadRequest, "Failed to unlink cashout method. The method may not be linked or an error occurred.")]
    [InlineData("/cashout/link", """{"provider":"paypal"}""", false, HttpStatusCode.Unauthorized, "User not authenticated")]
    public async Task Errors_are_the_seeds_envelope_with_its_exact_message(string path, string body, bool authenticated, HttpStatusCode status, string message)
    {
        var response = await rest.PostAsync(path, body, authenticated ? TestTokens.For("rest-dave") : null);

        response.Status.Should().Be(status, response.ToString());
        response.Body.Should().Be(JsonSerializer.Serialize(new { status = "error", message }));
    }

    [Fact]
    public async Task Insufficient_balance_is_the_seeds_error()
    {
        var token = TestTokens.For("rest-erin");
        await rest.PostAsync("/cashout/link", """{"provider":"tipalti","firstName":"E","lastName":"R","email":"erin@example.com","address":{"line1":"1 Main St","city":"Springfield","country":"US"}}""", token);

        var response = await rest.PostAsync("/cashout/process", """{"type":"tipalti","amount":10000,"provider":"tipalti"}""", token);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.Body.Should().Be("""{"status":"error","message":"Insufficient balance"}""");
    }

    [Fact]
    public async Task The_same_Idempotency_Key_processes_one_cashout_however_often_it_is_sent()
    {
        var token = TestTokens.For("rest-fay");
        await rest.PostAsync("/cashout/link", """{"provider":"tipalti","firstName":"F","lastName":"Y","email":"fay@example.com","address":{"line1":"1 Main St","city":"Springfield","country":"US"}}""", token);
        await Host.FundAsync("rest-fay", 5_000);
        const string Body = """{"type":"tipalti","amount":2000,"provider":"tipalti"}""";

        var first = await rest.PostAsync("/cashout/process", Body, token, "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        var retry = await rest.PostAsync("/cashout/process", Body, token, "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        var other = await rest.PostAsync("/cashout/process", Body, token, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");

        first.Status.Should().Be(HttpStatusCode.OK, first.ToString());
        retry.Body.Should().Be(first.Body);
        other.Json.GetProperty("data").GetProperty("cashout_id").GetInt64().Should().NotBe(first.Json.GetProperty("data").GetProperty("cashout_id").GetInt64());
        (await Host.BalanceAsync("rest-fay")).Available.Should().Be(1_000, "two cashouts, not three");
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
