using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payouts.Api.Services;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Api.Tests.Transcoding;
using Payouts.Contracts.V1;
using static Payouts.Api.Tests.OpenApi.OpenApiJson;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>
/// A client generated from /openapi.json must read what the routes really answer. Each route is called on the real
/// service, the seeds' with the seeds' own bodies, and every answer, success and error, is checked against the schema
/// the document gives for that route and status: every property of the real JSON declared, with its JSON type (and
/// enum value, and 64-bit integers as the digits they are), and every required property there. The request bodies are
/// checked against the documented request schema the same way.
/// </summary>
public sealed class RouteAnswerSchemaTests(RestFixture rest) : IClassFixture<RestFixture>, IAsyncLifetime
{
    private const string SeedPaymentBody = """
        { "externalId": "schema-3e3f3796", "amount": "10.00", "currency": "EUR", "type": "payout", "description": "Order #1456", "customer": { "id": "550e8400-e29b-41d4-a716-446655440000", "name": "User Name" }, "metadata": { "orderId": 1456 } }
        """;

    private const string SeedInitiation = """
        {"initiation":{"amount":"12.50","currency":"EUR","type":"payout","description":"Invoice 7","externalId":"schema-inv-7","refId":"ShBdcTeqFabqJJhUF","onBehalfOfId":"c5a863bc-86f2-4418-a26f-25b24c7983c7","metadata":{"nested":{"a":[1,"x",null,true]}}}}
        """;

    private const string TipaltiPayee = """
        {"provider":"tipalti","payeeType":"Individual","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":{"line1":"1 Main St","city":"Springfield","state":"IL","postalCode":"62701","country":"US"},"phone":"+15555550100","taxDetails":{"tin":"123"},"paymentMethod":{"type":"ach"}}
        """;

    private JsonObject _document = [];
    private string _merchant = "";

    private ProvidersHost Host => rest.Host;

    public async Task InitializeAsync()
    {
        _document = await FetchAsync(Host.Http);
        _merchant = await Host.MerchantTokenAsync("acme-schema", "payout");
        await Host.FundAsync("merchant:acme-schema", 1_000_00, "EUR");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seed000_link_and_process_answers_match_their_documented_schemas()
    {
        var token = TestTokens.For("schema-alice");
        var link = await Call("POST", "/cashout/link", """{"provider":"paypal"}""", token, HttpStatusCode.OK);
        (await Host.CompleteLinkInBrowserAsync(link.Json.GetProperty("data").GetProperty("link").GetString()!)).Status.Should().Be(HttpStatusCode.OK);
        await Host.FundAsync("schema-alice", 20_000);
        await Call("POST", "/cashout/link", TipaltiPayee, token, HttpStatusCode.OK);

        var process = await Call("POST", "/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", token, HttpStatusCode.OK);

        process.Json.GetProperty("data").GetProperty("cashout_id").ValueKind.Should().Be(JsonValueKind.Number, "the check ran on the seed's envelope");

        // The seed's errors, each in its envelope.
        await Call("POST", "/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", null, HttpStatusCode.Unauthorized);
        await Call("POST", "/cashout/process", """{"type":"paypal","amount":"ten","provider":"paypal"}""", token, HttpStatusCode.BadRequest, checkRequest: false);
        await Call("POST", "/cashout/process", """{"type":"paypal","amount":999999,"provider":"paypal"}""", token, HttpStatusCode.BadRequest);
        await Call("POST", "/cashout/link", """{"provider":"paypal"}""", null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Seed000_unlink_answers_match_their_documented_schemas()
    {
        var token = TestTokens.For("schema-bob");
        var link = await Call("POST", "/cashout/link", """{"provider":"payoneer"}""", token, HttpStatusCode.OK);
        (await Host.CompleteLinkInBrowserAsync(link.Json.GetProperty("data").GetProperty("link").GetString()!)).Status.Should().Be(HttpStatusCode.OK);
        await ProvidersHost.EventuallyAsync(() => Host.MethodAsync("schema-bob", "payoneer"), m => m?.Status == CashoutMethodStatus.Linked, "the payee approval");

        await Call("POST", "/cashout/unlink", """{"provider":"payoneer"}""", token, HttpStatusCode.OK);
        await Call("POST", "/cashout/unlink", """{"provider":"paypal"}""", token, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Seed001_payment_answers_201_200_and_errors_match_their_documented_schemas()
    {
        var created = await Call("POST", "/api/payments", SeedPaymentBody, _merchant, HttpStatusCode.Created, idempotencyKey: "0f8fad5b-d9cb-469f-a165-70867728950e");
        await Call("POST", "/api/payments", SeedPaymentBody, _merchant, HttpStatusCode.OK, idempotencyKey: "0f8fad5b-d9cb-469f-a165-70867728950e");
        await Call("GET", $"/api/payments/{created.Json.GetProperty("id").GetString()}", null, _merchant, HttpStatusCode.OK);

        await Call("GET", "/api/payments/pay_doesnotexist", null, _merchant, HttpStatusCode.NotFound);
        await Call("GET", "/api/payments/pay_doesnotexist", null, null, HttpStatusCode.Unauthorized);
        await Call("POST", "/api/payments", """{"amount":"10.001","currency":"EUR","type":"payout"}""", _merchant, HttpStatusCode.BadRequest);
        await Call("POST", "/api/payments", SeedPaymentBody.Replace("\"10.00\"", "\"11.00\"", StringComparison.Ordinal), _merchant, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Seed002_payout_and_list_answers_and_errors_match_their_documented_schemas()
    {
        var created = await Call("POST", "/payouts", SeedInitiation, _merchant, HttpStatusCode.OK);
        var id = created.Json.GetProperty("payout").GetProperty("id").GetString();
        await Call("GET", $"/payouts/{id}", null, _merchant, HttpStatusCode.OK);
        var list = await Call("GET", "/payouts?limit=10&statuses=AWAITING_RECIPIENT_DETAILS&refIds=ShBdcTeqFabqJJhUF", null, _merchant, HttpStatusCode.OK);
        list.Json.GetProperty("payouts").GetArrayLength().Should().BePositive("the list's items were checked too");
        await Call("POST", $"/payouts/{id}:cancel", null, _merchant, HttpStatusCode.OK);
        await Call("GET", $"/payouts/{id}", null, _merchant, HttpStatusCode.OK);

        await Call("GET", $"/payouts/{id}", null, null, HttpStatusCode.Unauthorized);
        await Call("GET", "/payouts/pay_doesnotexist", null, _merchant, HttpStatusCode.NotFound);
        await Call("GET", "/payouts?limit=0", null, _merchant, HttpStatusCode.BadRequest);
        // Missing currency and type: the document says so too, and the 400 must still be in the documented error shape.
        await Call("POST", "/payouts", """{"initiation":{"amount":"1.00"}}""", _merchant, HttpStatusCode.BadRequest, checkRequest: false);
    }

    [Fact]
    public async Task Transcoded_answers_match_their_documented_schemas_with_64_bit_integers_as_strings()
    {
        var token = TestTokens.For("schema-carol");
        var earnings = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope);
        var credit = await Call("POST", "/cashout/credit", """{"userId":"schema-carol","amount":"25000","currency":"USD","reference":"schema-r1"}""", earnings, HttpStatusCode.OK);
        credit.Json.GetProperty("available").GetString().Should().Be("25000", "the check ran on an int64 string");
        await Call("POST", "/cashout/link", TipaltiPayee.Replace("ada@", "carol@", StringComparison.Ordinal), token, HttpStatusCode.OK);
        var cashout = await Call("POST", "/cashout/process", """{"type":"tipalti","amount":1000,"provider":"tipalti"}""", token, HttpStatusCode.OK);
        var cashoutId = cashout.Json.GetProperty("data").GetProperty("cashout_id").GetInt64().ToString(CultureInfo.InvariantCulture);

        await Call("GET", "/cashout/balance?currency=USD", null, token, HttpStatusCode.OK);
        await Call("GET", $"/cashouts/{cashoutId}", null, token, HttpStatusCode.OK);
        var page = await Call("GET", "/cashouts?pageSize=5", null, token, HttpStatusCode.OK);
        page.Json.GetProperty("cashouts").GetArrayLength().Should().Be(1);
        await Call("GET", "/cashout/methods", null, token, HttpStatusCode.OK);

        await Call("GET", "/cashouts/424242", null, token, HttpStatusCode.NotFound);
        await Call("GET", "/cashout/balance", null, null, HttpStatusCode.Unauthorized);
        await Call("POST", "/cashout/credit", """{"userId":"schema-carol","amount":"12.5","currency":"USD","reference":"schema-r2"}""", earnings, HttpStatusCode.BadRequest, checkRequest: false);
    }

    /// <summary>Calls a route, then checks the request body and the answer against the route's documented schemas.</summary>
    private async Task<RestResponse> Call(
        string verb, string pathAndQuery, string? body, string? token, HttpStatusCode expected, string? idempotencyKey = null, bool checkRequest = true)
    {
        var path = pathAndQuery.Split('?')[0];
        var operation = Operation(verb, path);
        if (body is not null && checkRequest)
        {
            var requestSchema = operation["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
            Problems(_document, JsonNode.Parse(body), requestSchema, "request").Should().BeEmpty($"the body sent to {verb} {path} fits the documented request schema");
        }

        var response = await rest.SendAsync(new HttpMethod(verb), pathAndQuery, body, token, idempotencyKey);
        response.Status.Should().Be(expected, response.ToString());
        response.ContentType.Should().Be("application/json");

        var schema = ResponseSchema(operation, (int)response.Status)
            ?? throw new InvalidOperationException($"{verb} {path} answered {(int)response.Status}, which the document does not list");
        Problems(_document, JsonNode.Parse(response.Body), schema, "response").Should().BeEmpty($"{verb} {pathAndQuery} answered {response} and documents {schema.ToJsonString()}");
        return response;
    }

    /// <summary>The documented operation whose path template matches the request path.</summary>
    private JsonObject Operation(string verb, string path)
    {
        var segments = path.Split('/');
        var template = _document["paths"]!.AsObject().Select(p => p.Key)
            .Single(t => t.Split('/') is var parts && parts.Length == segments.Length && parts.Zip(segments).All(pair => Matches(pair.First, pair.Second)));
        return _document["paths"]![template]![verb.ToLowerInvariant()]!.AsObject();

        // A {variable} matches one segment; {variable}:verb one that ends with :verb.
        static bool Matches(string template, string segment) => template == segment || (template.StartsWith('{') && (template.Split("}:") is [_, var custom]
            ? segment.EndsWith(":" + custom, StringComparison.Ordinal)
            : !segment.Contains(':', StringComparison.Ordinal)));
    }
}
