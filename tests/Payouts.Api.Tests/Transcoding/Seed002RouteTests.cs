using System.Net;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>Seed 002's <c>/payouts</c> routes: its wrappers, paging, INITIATION_* statuses and HTTP error codes.</summary>
public sealed class Seed002RouteTests(RestFixture rest) : IClassFixture<RestFixture>, IAsyncLifetime
{
    private const string Initiation = """
        {"initiation":{"amount":"12.50","currency":"EUR","type":"payout","description":"Invoice 7","externalId":"inv-7","refId":"ShBdcTeqFabqJJhUF","onBehalfOfId":"c5a863bc-86f2-4418-a26f-25b24c7983c7","metadata":{"nested":{"a":[1,"x",null,true]}}}}
        """;

    private string _token = "";

    public async Task InitializeAsync()
    {
        _token = await rest.Host.MerchantTokenAsync("acme-002", "payout");
        await rest.Host.FundAsync("merchant:acme-002", 1_000_00, "EUR");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1")]
    [InlineData("batch_2026_12 #7")]
    public async Task A_refId_as_callers_write_them_is_accepted_and_filters_the_list(string refId)
    {
        var body = Initiation.Replace("ShBdcTeqFabqJJhUF", refId, StringComparison.Ordinal).Replace("inv-7", "ref-" + refId, StringComparison.Ordinal);

        var created = await rest.PostAsync("/payouts", body, _token);
        var listed = await rest.GetAsync("/payouts?limit=10&refIds=" + Uri.EscapeDataString(refId), _token);

        created.Status.Should().Be(HttpStatusCode.OK, created.ToString());
        listed.Status.Should().Be(HttpStatusCode.OK, listed.ToString());
        listed.Json.GetProperty("payouts").EnumerateArray().Select(p => p.GetProperty("id").GetString())
            .Should().Equal(created.Json.GetProperty("payout").GetProperty("id").GetString());
    }

    /// <summary>Seed 003: "CE/CPP, DNI, RUC, or PASS", "8 to 12 digits", whatever the type.</summary>
    [Theory]
    [InlineData("CPP", "123456789")]
    [InlineData("DNI", "123456789012")]
    [InlineData("CE", "12345678")]
    public async Task A_peruvian_payee_with_any_document_the_seed_allows_is_accepted(string type, string id)
    {
        await rest.Host.FundAsync("merchant:acme-002", 100_00, "PEN");
        var body = """
            {"initiation":{"amount":"10.00","currency":"PEN","type":"payout","externalId":"doc-TYPE-ID","destination":{"tupayBankAccount":{
              "country":"PE","documentType":"TYPE","documentId":"ID","beneficiaryName":"Ana","beneficiaryLastname":"Quispe",
              "bankAccount":"00219300153895206813","accountType":"C"}}}}
            """.Replace("TYPE", type, StringComparison.Ordinal).Replace("ID", id, StringComparison.Ordinal);

        var created = await rest.PostAsync("/payouts", body, _token);

        created.Status.Should().Be(HttpStatusCode.OK, created.ToString());
        created.Json.GetProperty("payout").GetProperty("initiationStatus").GetString().Should().StartWith("INITIATION_");
    }

    [Theory]
    [InlineData("/payouts?limit=10&invertIds=maybe", "invertIds")]
    [InlineData("/payouts?limit=10&startDate=yesterday", "startDate")]
    [InlineData("/payouts?limit=10&invert_ids=maybe", "invert_ids")]
    public async Task A_bad_query_parameter_is_named_as_the_caller_spelled_it(string pathAndQuery, string field)
    {
        var listed = await rest.GetAsync(pathAndQuery, _token);

        listed.Status.Should().Be(HttpStatusCode.BadRequest, listed.ToString());
        Fields(listed).Should().Equal(field);
    }

    [Fact]
    public async Task Errors_in_the_initiation_are_named_by_their_path_in_this_routes_body()
    {
        var body = """
            {"initiation":{"amount":"10.001","currency":"PEN","type":"payout","destination":{"tupayBankAccount":{
              "country":"PE","documentType":"DNI","documentId":"123","beneficiaryName":"Ana","bankAccount":"00219300153895206813","accountType":"C"}}}}
            """;

        var created = await rest.PostAsync("/payouts", body, _token);

        created.Status.Should().Be(HttpStatusCode.BadRequest, created.ToString());
        Fields(created).Should().BeEquivalentTo("initiation.amount", "initiation.destination.tupayBankAccount.documentId");
    }

    private static IEnumerable<string> Fields(RestResponse response) =>
        response.Json.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()!);

    [Fact]
    public async Task Cancel_answers_in_the_same_words_and_shape_as_get()
    {
        var created = await rest.PostAsync("/payouts", """{"initiation":{"amount":"5.00","currency":"EUR","type":"payout","externalId":"to-cancel"}}""", _token);
        var id = created.Json.GetProperty("payout").GetProperty("id").GetString();

        var withBody = await rest.PostAsync($"/payouts/{id}:cancel", """{"reason":"typo"}""", _token);
        var cancelled = await rest.PostAsync($"/payouts/{id}:cancel", null, _token);
        var got = await rest.GetAsync($"/payouts/{id}", _token);

        withBody.Status.Should().Be(HttpStatusCode.BadRequest, "the route takes no body: " + withBody);
        withBody.Json.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString().Should().Be("reason");
        cancelled.Status.Should().Be(HttpStatusCode.OK, cancelled.ToString());
        var payout = cancelled.Json.GetProperty("payout");
        payout.GetProperty("status").GetString().Should().Be("cancelled");
        payout.GetProperty("initiationStatus").GetString().Should().Be("CANCELLED");
        cancelled.Body.Should().Be(got.Body, "one route family, one vocabulary");
    }

    [Fact]
    public async Task Post_get_and_list_answer_the_seeds_wrappers()
    {
        var created = await rest.PostAsync("/payouts", Initiation, _token);

        created.Status.Should().Be(HttpStatusCode.OK, created.ToString());
        var payout = created.Json.GetProperty("payout");
        var id = payout.GetProperty("id").GetString()!;
        payout.GetProperty("initiationStatus").GetString().Should().Be("AWAITING_RECIPIENT_DETAILS");
        payout.GetProperty("status").GetString().Should().Be("pending");
        payout.GetProperty("refId").GetString().Should().Be("ShBdcTeqFabqJJhUF");
        payout.GetProperty("metadata").GetRawText().Should().Be("""{"nested":{"a":[1,"x",null,true]}}""", "Struct metadata round-trips");

        var got = await rest.GetAsync($"/payouts/{id}", _token);
        got.Status.Should().Be(HttpStatusCode.OK, got.ToString());
        Seed001RouteTests.Timeless(got).Should().Be(Seed001RouteTests.Timeless(created));

        var list = await rest.GetAsync("/payouts?limit=10&refIds=ShBdcTeqFabqJJhUF&refIds=N5cJDFsQzVca3Q&onBehalfOfId=c5a863bc-86f2-4418-a26f-25b24c7983c7&invertIds=false", _token);
        list.Status.Should().Be(HttpStatusCode.OK, list.ToString());
        list.Json.GetProperty("payouts").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Contain(id);
        list.Json.GetProperty("paging").GetProperty("limit").GetInt32().Should().Be(10);
        list.Json.GetProperty("paging").GetProperty("offset").GetString().Should().BeEmpty("one page holds them all");
    }

    [Fact]
    public async Task Statuses_filter_by_the_seeds_INITIATION_names_or_the_proto_names_or_numbers()
    {
        var created = await rest.PostAsync("/payouts", Initiation.Replace("inv-7", "inv-8", StringComparison.Ordinal), _token);
        var id = created.Json.GetProperty("payout").GetProperty("id").GetString();

        var completed = await rest.GetAsync("/payouts?limit=200&statuses=INITIATION_COMPLETED&statuses=INITIATION_REJECTED", _token);
        var awaiting = await rest.GetAsync("/payouts?limit=200&statuses=AWAITING_RECIPIENT_DETAILS", _token);
        var byProtoName = await rest.GetAsync("/payouts?limit=200&statuses=PAYOUT_STATUS_AWAITING_RECIPIENT_DETAILS", _token);
        var byNumber = await rest.GetAsync("/payouts?limit=200&statuses=6", _token);
        var inverted = await rest.GetAsync("/payouts?limit=200&statuses=AWAITING_RECIPIENT_DETAILS&invertStatuses=true", _token);

        completed.Status.Should().Be(HttpStatusCode.OK, completed.ToString());
        Ids(completed).Should().NotContain(id);
        Ids(awaiting).Should().Contain(id);
        Ids(byProtoName).Should().Contain(id);
        Ids(byNumber).Should().Contain(id);
        Ids(inverted).Should().NotContain(id);
    }

    [Theory]
    [InlineData("/payouts?limit=0", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=10&statuses=INITIATION_LOST", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=ten", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=10&invertIds=yes", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=10&limit=20", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=10&sort=asc", "merchant", HttpStatusCode.BadRequest, 3)]
    [InlineData("/payouts?limit=10", null, HttpStatusCode.Unauthorized, 16)]
    [InlineData("/payouts?limit=10", "user", HttpStatusCode.Forbidden, 7)]
    [InlineData("/payouts/pay_doesnotexist", "merchant", HttpStatusCode.NotFound, 5)]
    public async Task Errors_are_google_rpc_status_json_with_the_seeds_http_codes(string path, string? caller, HttpStatusCode status, int code)
    {
        var token = caller switch { "merchant" => _token, "user" => TestTokens.For("rest-user"), _ => null };

        var response = await rest.GetAsync(path, token);

        response.Status.Should().Be(status, response.ToString());
        response.ContentType.Should().Be("application/json");
        response.Json.GetProperty("code").GetInt32().Should().Be(code);
        response.Json.GetProperty("message").GetString().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_message_size_limit_is_429_resource_exhausted()
    {
        var huge = """{"initiation":{"amount":"1.00","currency":"EUR","type":"payout","description":"X"}}""".Replace("X", new string('x', 4_300_000), StringComparison.Ordinal);

        var response = await rest.PostAsync("/payouts", huge, _token);

        response.Status.Should().Be(HttpStatusCode.TooManyRequests, response.ToString()[..Math.Min(200, response.ToString().Length)]);
        response.Json.GetProperty("code").GetInt32().Should().Be(8);
    }

    private static IEnumerable<string?> Ids(RestResponse response) =>
        response.Json.GetProperty("payouts").EnumerateArray().Select(p => p.GetProperty("id").GetString());
}
