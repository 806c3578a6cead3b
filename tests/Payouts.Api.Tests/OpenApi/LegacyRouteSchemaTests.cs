using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payouts.Api.OpenApi;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Api.Tests.Transcoding;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>
/// A client generated from /openapi.json must match what the legacy routes serve. Each legacy route is
/// called on the real service with the seeds' own bodies, and every answer, success and error, is checked
/// against the schema the document gives for that route and status: every property of the real JSON is
/// declared, with the declared JSON type (and enum value), and every required property is there. The
/// seeds' request bodies are checked against the documented request schema the same way.
/// </summary>
public sealed class LegacyRouteSchemaTests(RestFixture rest) : IClassFixture<RestFixture>, IAsyncLifetime
{
    private const string SeedPaymentBody = """
        { "externalId": "schema-3e3f3796", "amount": "10.00", "currency": "EUR", "type": "payout", "description": "Order #1456", "customer": { "id": "550e8400-e29b-41d4-a716-446655440000", "name": "User Name" }, "metadata": { "orderId": 1456 } }
        """;

    private const string SeedInitiation = """
        {"initiation":{"amount":"12.50","currency":"EUR","type":"payout","description":"Invoice 7","externalId":"schema-inv-7","refId":"ShBdcTeqFabqJJhUF","onBehalfOfId":"c5a863bc-86f2-4418-a26f-25b24c7983c7","metadata":{"nested":{"a":[1,"x",null,true]}}}}
        """;

    private JsonObject _document = [];
    private string _merchant = "";

    private ProvidersHost Host => rest.Host;

    public async Task InitializeAsync()
    {
        using var http = new HttpClient();
        _document = JsonNode.Parse(await http.GetStringAsync(new Uri(Host.Http, OpenApiEndpoint.Path.TrimStart('/'))))!.AsObject();
        _merchant = await Host.MerchantTokenAsync("acme-schema", "payout");
        await Host.FundAsync("merchant:acme-schema", 1_000_00, "EUR");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seed000_cashout_process_and_link_answers_match_their_documented_schemas()
    {
        var token = TestTokens.For("schema-alice");
        var link = await Call("POST", "/cashout/link", """{"provider":"paypal"}""", token, HttpStatusCode.OK);
        (await Host.CompleteLinkInBrowserAsync(link.Json.GetProperty("data").GetProperty("link").GetString()!)).Status.Should().Be(HttpStatusCode.OK);
        await Host.FundAsync("schema-alice", 20_000);
        var tipalti = """{"provider":"tipalti","payeeType":"Individual","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":{"line1":"1 Main St","city":"Springfield","state":"IL","postalCode":"62701","country":"US"},"phone":"+15555550100","taxDetails":{"tin":"123"},"paymentMethod":{"type":"ach"}}""";
        await Call("POST", "/cashout/link", tipalti, token, HttpStatusCode.OK);

        var process = await Call("POST", "/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", token, HttpStatusCode.OK);

        process.Json.GetProperty("data").GetProperty("cashout_id").ValueKind.Should().Be(JsonValueKind.Number, "the check above ran on a seed-shaped answer");

        // The seed's errors, each in the envelope.
        await Call("POST", "/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", null, HttpStatusCode.Unauthorized);
        await Call("POST", "/cashout/process", """{"type":"paypal","amount":"ten","provider":"paypal"}""", token, HttpStatusCode.BadRequest, checkRequest: false);
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

        await Call("GET", $"/payouts/{id}", null, null, HttpStatusCode.Unauthorized);
        await Call("GET", "/payouts/pay_doesnotexist", null, _merchant, HttpStatusCode.NotFound);
        await Call("GET", "/payouts?limit=0", null, _merchant, HttpStatusCode.BadRequest);
        await Call("POST", "/payouts", """{"initiation":{"amount":"1.00"}}""", _merchant, HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_seed_002_statuses_filter_documents_the_seeds_names_and_the_proto_names()
    {
        var statuses = Operation("GET", "/payouts")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "statuses")!;
        var names = Resolve(statuses["schema"]!["items"]!.AsObject())["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        names.Should().Contain(["INITIATION_COMPLETED", "AWAITING_RECIPIENT_DETAILS", "PAYOUT_STATUS_INITIATION_COMPLETED"]);
    }

    /// <summary>Calls a legacy route, then checks the request body and the answer against the route's documented schemas.</summary>
    private async Task<RestResponse> Call(
        string verb, string pathAndQuery, string? body, string? token, HttpStatusCode expected, string? idempotencyKey = null, bool checkRequest = true)
    {
        var path = pathAndQuery.Split('?')[0];
        var operation = Operation(verb, path);
        if (body is not null && checkRequest)
        {
            var requestSchema = operation["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
            Problems(JsonNode.Parse(body), requestSchema, "request").Should().BeEmpty($"the seed's body for {verb} {path} fits the documented request schema");
        }

        var response = await rest.SendAsync(new HttpMethod(verb), pathAndQuery, body, token, idempotencyKey);
        response.Status.Should().Be(expected, response.ToString());
        response.ContentType.Should().Be("application/json");

        var code = ((int)response.Status).ToString(CultureInfo.InvariantCulture);
        var responses = operation["responses"]!.AsObject();
        var documented = (int)response.Status < 400
            ? responses[code] ?? throw new InvalidOperationException($"{verb} {path} answered {code}, which the document does not list")
            : responses[code] ?? responses["default"]!;
        var schema = documented["content"]!["application/json"]!["schema"]!.AsObject();
        Problems(JsonNode.Parse(response.Body), schema, "response").Should().BeEmpty($"{verb} {pathAndQuery} answered {response} and documents {schema.ToJsonString()}");
        return response;
    }

    private JsonObject Operation(string verb, string path) =>
        _document["paths"]![Template(path)]![verb.ToLowerInvariant()]!.AsObject();

    /// <summary>The documented path a request path matches: the legacy routes' templates.</summary>
    private static string Template(string path) => path switch
    {
        _ when path.StartsWith("/api/payments/", StringComparison.Ordinal) => "/api/payments/{id}",
        _ when path.StartsWith("/payouts/", StringComparison.Ordinal) => "/payouts/{id}",
        _ => path,
    };

    private JsonObject Resolve(JsonObject schema) =>
        schema["$ref"] is { } reference
            ? _document["components"]!["schemas"]![reference.GetValue<string>()[SchemaRegistry.RefPrefix.Length..]]!.AsObject()
            : schema;

    /// <summary>
    /// Where the JSON does not fit the schema: undeclared or missing required properties, wrong JSON types,
    /// values outside an enum. Schemas without a type (google.protobuf.Value) accept anything.
    /// </summary>
    private List<string> Problems(JsonNode? value, JsonObject schema, string at)
    {
        var problems = new List<string>();
        Check(value, Resolve(schema), at, problems);
        return problems;
    }

    private void Check(JsonNode? value, JsonObject schema, string at, List<string> problems)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true && schema["type"] is not null)
            {
                problems.Add($"{at}: null where the schema says {schema["type"]}");
            }

            return;
        }

        var kind = value.GetValueKind();
        switch (schema["type"]?.GetValue<string>())
        {
            case null:
                return;
            case "object" when value is JsonObject obj:
                var properties = schema["properties"] as JsonObject ?? [];
                var additional = schema["additionalProperties"];
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonObject declared)
                    {
                        Check(child, Resolve(declared), $"{at}.{name}", problems);
                    }
                    else if (additional is JsonObject extra)
                    {
                        Check(child, Resolve(extra), $"{at}.{name}", problems);
                    }
                    else if (additional is null || additional.GetValueKind() != JsonValueKind.True)
                    {
                        problems.Add($"{at}.{name}: not declared in the schema");
                    }
                }

                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(required))
                    {
                        problems.Add($"{at}.{required}: required but missing");
                    }
                }

                return;
            case "array" when value is JsonArray array:
                var items = Resolve(schema["items"]!.AsObject());
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, $"{at}[{i}]", problems);
                }

                return;
            case "string" when kind == JsonValueKind.String:
                if (schema["enum"] is JsonArray names && !names.Any(n => n!.GetValue<string>() == value.GetValue<string>()))
                {
                    problems.Add($"{at}: \"{value}\" is not one of {names.ToJsonString()}");
                }

                return;
            case "integer" when kind == JsonValueKind.Number && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
            case "number" when kind == JsonValueKind.Number:
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return;
            default:
                problems.Add($"{at}: {kind} {value.ToJsonString()} where the schema says {schema["type"]}");
                return;
        }
    }
}
