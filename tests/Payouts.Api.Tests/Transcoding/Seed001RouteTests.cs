using System.Net;
using System.Text.Json;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>Seed 001's <c>POST /api/payments</c> and <c>GET /api/payments/:id</c>, from the seed's own curl example.</summary>
public sealed class Seed001RouteTests(RestFixture rest) : IClassFixture<RestFixture>, IAsyncLifetime
{
    // The seed's curl body, verbatim.
    private const string SeedBody = """
        { "externalId": "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1", "amount": "10.00", "currency": "EUR", "type": "payout", "description": "Order #1456", "customer": { "id": "550e8400-e29b-41d4-a716-446655440000", "name": "User Name" }, "metadata": { "orderId": 1456 } }
        """;

    private string _token = "";

    public async Task InitializeAsync()
    {
        _token = await rest.Host.MerchantTokenAsync("acme-001", "payout");
        await rest.Host.FundAsync("merchant:acme-001", 1_000_00, "EUR");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_seeds_curl_creates_a_payout_201_then_the_same_request_answers_the_same_payout_200()
    {
        var created = await rest.PostAsync("/api/payments", SeedBody, _token, "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        var replayed = await rest.PostAsync("/api/payments", SeedBody, _token, "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        var noKey = await rest.PostAsync("/api/payments", SeedBody, _token);

        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        var payout = created.Json;
        payout.EnumerateObject().Select(p => p.Name).Should().Equal("id", "status", "url", "externalId", "amount", "currency", "description", "metadata", "createdAt");
        payout.GetProperty("id").GetString().Should().StartWith("pay_");
        payout.GetProperty("status").GetString().Should().Be("pending");
        payout.GetProperty("url").GetString().Should().Contain("/checkin/" + payout.GetProperty("id").GetString());
        payout.GetProperty("externalId").GetString().Should().Be("3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        payout.GetProperty("amount").GetString().Should().Be("10.00");
        payout.GetProperty("currency").GetString().Should().Be("EUR");
        payout.GetProperty("description").GetString().Should().Be("Order #1456");
        payout.GetProperty("metadata").GetRawText().Should().Be("""{"orderId":1456}""");
        payout.GetProperty("createdAt").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$");
        replayed.Status.Should().Be(HttpStatusCode.OK, "a replay creates nothing");
        Timeless(replayed).Should().Be(Timeless(created));
        noKey.Status.Should().Be(HttpStatusCode.OK, "the same externalId without a key also answers the first payout");
        Timeless(noKey).Should().Be(Timeless(created));
    }

    [Fact]
    public async Task Metadata_comes_back_exactly_as_sent_numbers_included_on_create_and_get()
    {
        const string Metadata = """{"orderId":12345678901234567890,"price":1.50,"ratio":1e-7,"name":"Zoë \"Z\"","nested":{"big":-9007199254740993}}""";
        var body = SeedBody.Replace("""{ "orderId": 1456 }""", Metadata, StringComparison.Ordinal)
            .Replace("3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1", "order-metadata-exact", StringComparison.Ordinal);

        var created = await rest.PostAsync("/api/payments", body, _token);
        var got = await rest.GetAsync($"/api/payments/{created.Json.GetProperty("id").GetString()}", _token);

        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        created.Json.GetProperty("metadata").GetRawText().Should().Be(Metadata);
        got.Json.GetProperty("metadata").GetRawText().Should().Be(Metadata);
    }

    [Fact]
    public async Task Metadata_is_measured_as_sent_without_whitespace_not_as_we_would_write_it()
    {
        // 430 members: ~3.9 KB compact, but over 4 KB once written with a space after every ':' and ','.
        var members = string.Join(",", Enumerable.Range(0, 430).Select(i => $"\"k{i}\":1"));
        var compact = "{" + members + "}";
        var spaced = "{\n  " + members.Replace(",", ",\n  ", StringComparison.Ordinal) + "\n}";
        System.Text.Encoding.UTF8.GetByteCount(compact).Should().BeLessThan(4096);
        System.Text.Encoding.UTF8.GetByteCount(spaced).Should().BeGreaterThan(4096);
        var tooBig = "{" + members + ",\"pad\":\"" + new string('x', 4096 - compact.Length) + "\"}";

        var accepted = await rest.PostAsync("/api/payments", Body("order-metadata-size", spaced), _token);
        var refused = await rest.PostAsync("/api/payments", Body("order-metadata-too-big", tooBig), _token);

        accepted.Status.Should().Be(HttpStatusCode.Created, accepted.ToString());
        accepted.Json.GetProperty("metadata").GetRawText().Should().Be(compact);
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.ToString());
        refused.Json.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString().Should().Be("metadata");
    }

    private static string Body(string externalId, string metadata) =>
        $$"""{"externalId":"{{externalId}}","amount":"1.00","currency":"EUR","type":"payout","metadata":{{metadata}}}""";

    [Fact]
    public async Task Get_by_id_answers_the_same_payment_object()
    {
        var body = SeedBody.Replace("3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1", "order-get-1", StringComparison.Ordinal);
        var created = await rest.PostAsync("/api/payments", body, _token);
        var id = created.Json.GetProperty("id").GetString();

        var got = await rest.GetAsync($"/api/payments/{id}", _token);

        got.Status.Should().Be(HttpStatusCode.OK, got.ToString());
        Timeless(got).Should().Be(Timeless(created));
    }

    [Fact]
    public async Task A_different_request_reusing_an_externalId_is_409_with_a_google_rpc_status()
    {
        var body = SeedBody.Replace("3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1", "order-409", StringComparison.Ordinal);
        (await rest.PostAsync("/api/payments", body, _token)).Status.Should().Be(HttpStatusCode.Created);

        var conflict = await rest.PostAsync("/api/payments", body.Replace("\"10.00\"", "\"11.00\"", StringComparison.Ordinal), _token);

        conflict.Status.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        conflict.Json.GetProperty("code").GetInt32().Should().Be(6);
        conflict.Json.GetProperty("message").GetString().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Unknown_fields_are_refused_with_400_naming_the_field()
    {
        var body = SeedBody.Replace("\"externalId\"", "\"externalID\"", StringComparison.Ordinal);

        var response = await rest.PostAsync("/api/payments", body, _token);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("code").GetInt32().Should().Be(3);
        var violation = response.Json.GetProperty("details")[0];
        violation.GetProperty("@type").GetString().Should().Be("type.googleapis.com/google.rpc.BadRequest");
        violation.GetProperty("fieldViolations")[0].GetProperty("field").GetString().Should().Be("externalID", "seed 001's body is the payment itself: the caller wrote externalID, not initiation.externalID");
    }

    [Fact]
    public async Task Errors_name_the_fields_as_seed_001s_body_spells_them()
    {
        var body = """
            {"amount":"10.00","currency":"PEN","type":"payout","redirectUrl":"http://merchant.example/","destination":{"tupayBankAccount":{
              "country":"PE","documentType":"XX","documentId":"123456789","beneficiaryName":"Ana","bankAccount":"00219300153895206813","accountType":"C"}}}
            """;

        var response = await rest.PostAsync("/api/payments", body, _token);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString())
            .Should().BeEquivalentTo("redirectUrl", "destination.tupayBankAccount.documentType");
    }

    [Fact]
    public async Task A_validation_error_is_400_with_the_handlers_field_violations()
    {
        var response = await rest.PostAsync("/api/payments", """{"amount":"10.001","currency":"EUR","type":"payout"}""", _token);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("code").GetInt32().Should().Be(3);
        response.Json.GetProperty("details")[0].GetProperty("@type").GetString().Should().Be("type.googleapis.com/google.rpc.BadRequest");
        JsonSerializer.Serialize(response.Json.GetProperty("details")).Should().Contain("amount");
    }

    /// <summary>
    /// The body without its timestamps, which are compared to the millisecond: the create answer carries the
    /// clock's full precision and later reads the stored milliseconds (the same over gRPC; see the report).
    /// </summary>
    internal static string Timeless(RestResponse response)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!;
        var payout = (json["payout"] ?? json).AsObject();
        foreach (var name in new[] { "createdAt", "updatedAt" })
        {
            if (payout[name] is { } value)
            {
                payout[name] = DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            }
        }

        return json.ToJsonString();
    }
}
