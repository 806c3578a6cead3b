using System.Net;
using System.Text.Json;
using Google.Api;
using Payouts.Api.Hosting;
using Payouts.Api.Services;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>Standard transcoding (routes no seed names): proto3 JSON both ways, binding errors, HTTP/2, and every annotated RPC reachable.</summary>
public sealed class StandardTranscodingTests(RestFixture rest) : IClassFixture<RestFixture>
{
    private static readonly string Earnings = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope);

    [Fact]
    public async Task Every_annotated_RPC_of_every_served_service_is_reachable_over_REST()
    {
        var services = GrpcHostingExtensions.Served;
        var bindings = services.SelectMany(s => s.Methods)
            .Select(m => (Method: m, Rule: m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)))
            .Where(x => x.Rule is not null)
            .SelectMany(x => new[] { x.Rule! }.Concat(x.Rule!.AdditionalBindings).Select(r => (x.Method, Rule: r)))
            .ToList();
        bindings.Should().HaveCount(5, "the RPCs without a seed route of their own are annotated: balance, credit, cashouts (2), methods");

        foreach (var (method, rule) in bindings)
        {
            var (verb, template) = rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
                HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
                HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
                HttpRule.PatternOneofCase.Delete => (HttpMethod.Delete, rule.Delete),
                HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
                _ => (new HttpMethod(rule.Custom.Kind), rule.Custom.Path),
            };
            var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}=]+(=\*\*)?[^}]*\}", m => m.Groups[1].Success ? "a/b" : "1");
            var body = rule.Body.Length > 0 ? "{}" : null;

            var response = await rest.SendAsync(verb, path, body, TestTokens.For("contract-user"));

            response.ContentType.Should().Be("application/json", $"{verb} {path} ({method.FullName}) must be answered by the transcoder, got {response}");
            response.Status.Should().NotBe(HttpStatusCode.MethodNotAllowed, $"{verb} {path}");
        }
    }

    [Fact]
    public async Task Int64_is_written_as_a_string_and_read_from_a_string_or_a_number()
    {
        var asString = await rest.PostAsync("/cashout/credit", """{"userId":"json-ann","amount":"1500","currency":"USD","reference":"r1"}""", Earnings);
        var asNumber = await rest.PostAsync("/cashout/credit", """{"user_id":"json-ann","amount":2500,"currency":"USD","reference":"r2"}""", Earnings);

        asString.Status.Should().Be(HttpStatusCode.OK, asString.ToString());
        asNumber.Status.Should().Be(HttpStatusCode.OK, asNumber.ToString());
        asNumber.Json.GetProperty("available").GetString().Should().Be("4000", "int64 is a JSON string in proto3 JSON");
        var balance = await rest.GetAsync("/cashout/balance?currency=USD", TestTokens.For("json-ann"));
        balance.Body.Should().Be("""{"available":"4000","currency":"USD"}""", "defaults (reserved 0) are left out");
    }

    [Fact]
    public async Task A_REST_caller_reads_the_bad_field_by_its_JSON_name()
    {
        var credit = await rest.PostAsync("/cashout/credit", """{"amount":"1500","currency":"USD","reference":"r3"}""", Earnings);

        credit.Status.Should().Be(HttpStatusCode.BadRequest, credit.ToString());
        credit.Json.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString())
            .Should().Equal(["userId"], "transcoding speaks proto3 JSON, where user_id is userId");
    }

    [Fact]
    public async Task Enums_are_written_by_name_and_timestamps_as_RFC_3339_in_UTC()
    {
        var token = TestTokens.For("json-bea");
        await rest.PostAsync("/cashout/link", """{"provider":"tipalti","firstName":"B","lastName":"E","email":"bea@example.com","address":{"line1":"1 Main St","city":"Springfield","country":"US"}}""", token);

        var methods = await rest.GetAsync("/cashout/methods", token);

        methods.Status.Should().Be(HttpStatusCode.OK, methods.ToString());
        var method = methods.Json.GetProperty("cashoutMethods")[0];
        method.GetProperty("status").GetString().Should().Be("CASHOUT_METHOD_STATUS_LINKED");
        method.GetProperty("createdAt").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$");
    }

    [Fact]
    public async Task Path_variables_and_query_parameters_bind_fields_by_proto_or_JSON_name()
    {
        var token = TestTokens.For("json-cy");
        var missing = await rest.GetAsync("/cashouts/424242", token);
        var pageByJsonName = await rest.GetAsync("/cashouts?pageSize=5", token);
        var pageByProtoName = await rest.GetAsync("/cashouts?page_size=5", token);

        missing.Status.Should().Be(HttpStatusCode.NotFound, missing.ToString());
        missing.Json.GetProperty("code").GetInt32().Should().Be(5);
        pageByJsonName.Status.Should().Be(HttpStatusCode.OK, pageByJsonName.ToString());
        pageByProtoName.Status.Should().Be(HttpStatusCode.OK, pageByProtoName.ToString());
    }

    [Theory]
    [InlineData("GET", "/cashouts/abc", null, "application/json", "cashout_id")]
    [InlineData("GET", "/cashouts?pageSize=5&color=red", null, "application/json", "color")]
    [InlineData("GET", "/cashouts?pageSize=big", null, "application/json", "pageSize")]
    [InlineData("POST", "/cashout/credit", """{"userId":"x","amount":"1","currency":"USD","reference":"r","bogus":1}""", "application/json", "bogus")]
    [InlineData("POST", "/cashout/credit", """{"userId":"x","amount":1.5,"currency":"USD","reference":"r"}""", "application/json", "amount")]
    [InlineData("POST", "/cashout/credit", """{"userId":"x","amount":"1","currency":"USD","reference":"r"}""", "text/plain", "Content-Type")]
    [InlineData("POST", "/cashout/credit?reference=r", """{"userId":"x","amount":"1","currency":"USD"}""", "application/json", "reference")]
    [InlineData("POST", "/cashout/credit", """{"userId":"x",""", "application/json", "")]
    public async Task A_request_that_does_not_fit_is_400_naming_the_problem(string verb, string path, string? body, string contentType, string field)
    {
        var response = await rest.SendAsync(new HttpMethod(verb), path, body, Earnings, contentType: contentType);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("code").GetInt32().Should().Be(3);
        response.Json.GetProperty("message").GetString().Should().NotBeEmpty();
        var violation = response.Json.GetProperty("details")[0];
        violation.GetProperty("@type").GetString().Should().Be("type.googleapis.com/google.rpc.BadRequest");
        violation.GetProperty("fieldViolations")[0].TryGetProperty("field", out var named).Should().Be(field.Length > 0);
        if (field.Length > 0)
        {
            named.GetString().Should().Be(field);
        }
    }

    [Fact]
    public async Task A_wrong_HTTP_method_on_a_route_is_405_and_an_unknown_path_is_404()
    {
        var wrongVerb = await rest.SendAsync(HttpMethod.Delete, "/api/payments/pay_1", null, TestTokens.For("json-dee"));
        var unknown = await rest.GetAsync("/no/such/route", TestTokens.For("json-dee"));

        wrongVerb.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Body.Should().BeEmpty("no route: nothing answers");
    }

    [Fact]
    public async Task REST_is_served_over_HTTP2_on_the_gRPC_endpoint_too()
    {
        var response = await rest.SendAsync(HttpMethod.Get, "/cashout/balance?currency=USD", null, TestTokens.For("json-eve"), http2: true);

        response.Version.Should().Be(HttpVersion.Version20);
        response.Status.Should().Be(HttpStatusCode.OK, response.ToString());
        response.Json.GetProperty("currency").GetString().Should().Be("USD");
    }
}
