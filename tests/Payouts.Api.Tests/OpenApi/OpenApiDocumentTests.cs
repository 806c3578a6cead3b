using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Routing;
using Payouts.Api.Hosting;
using Payouts.Api.Rest;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using static Payouts.Api.Tests.OpenApi.OpenApiJson;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>
/// /openapi.json as the service serves it: valid for a real validator, every REST route in it and nothing else, each
/// secured, described by its proto comments, 64-bit integers and enums as they travel.
/// </summary>
public sealed partial class OpenApiDocumentTests(OpenApiHost host) : IClassFixture<OpenApiHost>
{
    /// <summary>The seeds' routes: (verb, path, operation id). Their RPCs have no google.api.http rule.</summary>
    private static readonly (string Verb, string Path, string OperationId)[] SeedRoutes =
    [
        ("post", "/cashout/process", "CashoutService_ProcessCashout"),
        ("post", "/cashout/link", "LinkService_LinkCashoutMethod"),
        ("post", "/cashout/unlink", "LinkService_UnlinkCashoutMethod"),
        ("post", "/api/payments", "PayoutService_CreatePayout"),
        ("get", "/api/payments/{id}", "PayoutService_GetPayout"),
        ("post", "/payouts", "PayoutService_CreatePayout_2"),
        ("get", "/payouts", "PayoutService_ListPayouts"),
        ("get", "/payouts/{id}", "PayoutService_GetPayout_2"),
        ("post", "/payouts/{id}:cancel", "PayoutService_CancelPayout"),
    ];

    private JsonObject Document => host.Document;

    [Fact]
    public async Task Swagger_parser_validates_the_served_document()
    {
        var validator = Path.Combine(RepositoryRoot.Path, "tests", "Payouts.Api.Tests", "OpenApi", "validate_openapi.js");
        Directory.Exists(Path.Combine(RepositoryRoot.Path, "node_modules", "@apidevtools", "swagger-parser"))
            .Should().BeTrue("scripts/install-test-deps.sh installs the validator from package-lock.json");

        var result = await ExternalProcess.RunAsync("node", [validator, new Uri(host.Http, "openapi.json").ToString()], TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        var verdict = JsonDocument.Parse(result.StandardOutput).RootElement;
        verdict.GetProperty("valid").GetBoolean().Should().BeTrue(result.ToString());
        verdict.GetProperty("operations").GetInt32().Should().Be(Expected().Count(), "the validator read the whole document");
    }

    [Fact]
    public async Task Swagger_UI_at_swagger_reads_the_document()
    {
        using var client = new HttpClient();
        using var page = await client.GetAsync(new Uri(host.Http, "swagger/index.html"));
        var script = await client.GetStringAsync(new Uri(host.Http, "swagger/index.js"));

        page.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        script.Should().Contain("\"/openapi.json\"");
    }

    [Fact]
    public void Every_REST_route_is_one_operation_under_its_RPCs_name_and_nothing_else_is()
    {
        var documented = Operations(Document).Select(o => (o.Verb, o.Path, Id: o.Operation["operationId"]?.GetValue<string>())).ToList();

        documented.Should().BeEquivalentTo(Expected().Select(e => (e.Verb, e.Path, Id: (string?)e.OperationId)));
        documented.Select(o => o.Id).Should().OnlyHaveUniqueItems();
        Expected().Should().HaveCount(14, "five transcoded bindings and the nine seed routes");
    }

    [Fact]
    public void Every_REST_endpoint_the_service_serves_is_documented()
    {
        // Read from the running app's endpoints, not from what the document generator chose to include.
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is null || e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(verb => (Verb: verb.ToLowerInvariant(), Path: Shape(e.RoutePattern.RawText!))))
            .Where(e => !IsPage(e.Path))
            .ToHashSet();

        served.Should().BeEquivalentTo(Operations(Document).Select(o => (o.Verb, Path: Shape(o.Path))));
    }

    [Fact]
    public void Every_operation_takes_a_bearer_token_and_merchant_operations_also_basic()
    {
        Document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).Should().Equal("bearerAuth", "basicAuth");
        Document["components"]!["securitySchemes"]!["basicAuth"]!["scheme"]!.GetValue<string>().Should().Be("basic");
        var scheme = Document["components"]!["securitySchemes"]!["bearerAuth"]!;
        scheme["type"]!.GetValue<string>().Should().Be("http");
        scheme["scheme"]!.GetValue<string>().Should().Be("bearer");
        scheme["bearerFormat"].Should().BeNull("merchant tokens are not JWTs");
        scheme["description"]!.GetValue<string>().Should().Contain("JWT").And.Contain("merchant token");
        Document["security"]!.ToJsonString().Should().Be("""[{"bearerAuth":[]}]""");

        foreach (var (verb, path, operation) in Operations(Document))
        {
            // An operation's own "security" replaces the document's: merchant operations add Basic, none drops bearer.
            var merchant = operation["operationId"]!.GetValue<string>().StartsWith("PayoutService_", StringComparison.Ordinal);
            (operation["security"]?.ToJsonString() ?? """[{"bearerAuth":[]}]""").Should().Be(
                merchant ? """[{"bearerAuth":[]},{"basicAuth":[]}]""" : """[{"bearerAuth":[]}]""", $"{verb} {path}");
            ResponseSchema(operation, 401).Should().NotBeNull($"{verb} {path} documents its answer without a token");
        }
    }

    [Fact]
    public void The_seed_routes_state_the_limits_the_use_case_enforces()
    {
        var limit = Document["paths"]!["/payouts"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!;
        limit["required"]!.GetValue<bool>().Should().BeTrue("seed 002: limit is required");
        (limit["schema"]!["minimum"]!.ToJsonString(), limit["schema"]!["maximum"]!.ToJsonString()).Should().Be(("1", "200"));

        var initiation = Document["components"]!["schemas"]!["payouts.v1.PayoutInitiation"]!["properties"]!;
        initiation["description"]!["maxLength"]!.GetValue<int>().Should().Be(255);
        initiation["redirectUrl"]!["maxLength"]!.GetValue<int>().Should().Be(2048);
        initiation["currency"]!["pattern"]!.GetValue<string>().Should().Be("^[A-Z]{3}$");
        var bank = Document["components"]!["schemas"]!["payouts.v1.TupayBankAccount"]!["properties"]!;
        bank["documentType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("CE", "CPP", "DNI", "RUC", "PASS");
        bank["documentId"]!["pattern"]!.GetValue<string>().Should().Be(@"^\d{8,12}$");
    }

    [Fact]
    public void Every_operation_is_described_by_its_RPCs_proto_comment()
    {
        var comments = RpcCommentsInProtos();
        comments.Should().ContainKey("CashoutService.GetCashout");

        foreach (var (verb, path, operationId) in Expected())
        {
            var operation = Document["paths"]![path]![verb]!;
            var rpc = string.Join('.', operationId.Split('_').Take(2));
            Words(operation["description"]?.GetValue<string>()).Should().Be(comments[rpc], $"{verb} {path} serves {rpc}");
            (operation["summary"]?.GetValue<string>()).Should().NotBeNullOrWhiteSpace($"{verb} {path}");
        }

        var get = Document["paths"]!["/cashouts/{cashoutId}"]!["get"]!;
        get["summary"]!.GetValue<string>().Should().Be("Returns one of the caller's cashouts; NOT_FOUND if it is not theirs.");
        Document["paths"]!["/cashout/credit"]!["post"]!["summary"]!.GetValue<string>().Should().Be("Credits earnings to a user's balance.", "the first sentence");
        Document["paths"]!["/cashout/process"]!["post"]!["summary"]!.GetValue<string>().Should().Be("Cash out (seed 000)");

        // Messages and fields come with theirs too.
        Schema(Document, "payouts.v1.GetCashoutResponse")["description"]!.GetValue<string>().Should().Be("Response for CashoutService.GetCashout.");
        Schema(Document, "payouts.v1.Cashout")["properties"]!["amount"]!["description"]!.GetValue<string>()
            .Should().Be("Amount deducted from the balance, in integer minor units (cents). > 0.");
        get["parameters"]![0]!["description"]!.GetValue<string>().Should().Be("The cashout id. Required, > 0.");
    }

    [Fact]
    public void Proto_messages_carry_64_bit_integers_as_strings_timestamps_as_date_times_and_require_nothing()
    {
        var messages = ProtoMessages().ToDictionary(m => m.FullName, StringComparer.Ordinal);
        var (int64s, timestamps, checkedMessages) = (0, 0, 0);
        foreach (var (id, node) in Document["components"]!["schemas"]!.AsObject())
        {
            if (!messages.TryGetValue(id, out var message) || message.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal))
            {
                continue;
            }

            checkedMessages++;
            var schema = node!.AsObject();
            // Proto3 requires nothing; the seeds' payout initiation states what its use case requires (InitiationRules).
            var required = schema["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToList();
            if (id == "payouts.v1.PayoutInitiation")
            {
                required.Should().BeEquivalentTo(["amount", "currency", "type"]);
            }
            else if (id == "payouts.v1.TupayBankAccount")
            {
                required.Should().BeEquivalentTo(["country", "documentType", "documentId", "beneficiaryName", "bankAccount", "accountType"]);
            }
            else
            {
                required.Should().BeNull($"{id}: proto3 requires nothing, and fields at their default are left out");
            }

            var properties = schema["properties"]!.AsObject();
            properties.Select(p => p.Key).Should().Equal(message.Fields.InFieldNumberOrder().Select(f => f.JsonName), id);
            foreach (var field in message.Fields.InFieldNumberOrder())
            {
                var property = properties[field.JsonName]!;
                var scalar = field.IsMap ? property["additionalProperties"]! : field.IsRepeated ? property["items"]! : property;
                if (field.FieldType is FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64)
                {
                    (scalar["type"]!.GetValue<string>(), scalar["format"]!.GetValue<string>()).Should().Be(("string", "int64"), field.FullName);
                    int64s++;
                }
                else if (field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Timestamp")
                {
                    (scalar["type"]!.GetValue<string>(), scalar["format"]!.GetValue<string>()).Should().Be(("string", "date-time"), field.FullName);
                    timestamps++;
                }
                else
                {
                    scalar["format"]?.GetValue<string>().Should().NotBe("int64", field.FullName);
                }
            }
        }

        checkedMessages.Should().BeGreaterThan(15);
        int64s.Should().BeGreaterThanOrEqualTo(7, "Cashout.id and .amount, the balance, the credit and ProcessCashoutRequest.amount are documented");
        timestamps.Should().BeGreaterThan(3);
        Schema(Document, "google.protobuf.Any")["required"]!.ToJsonString().Should().Be("""["@type"]""");
        var cashoutId = Document["paths"]!["/cashouts/{cashoutId}"]!["get"]!["parameters"]![0]!["schema"]!;
        (cashoutId["type"]!.GetValue<string>(), cashoutId["format"]!.GetValue<string>()).Should().Be(("string", "int64"), "an int64 path parameter is the same digits");
        Document["paths"]!["/cashouts"]!["get"]!["parameters"]![0]!["schema"]!.ToJsonString().Should().Be("""{"type":"integer","format":"int32"}""");
    }

    [Fact]
    public void Seed_000_documents_its_64_bit_integers_as_JSON_numbers_both_ways()
    {
        var process = Document["paths"]!["/cashout/process"]!["post"]!.AsObject();
        var request = Resolve(Document, process["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject());
        request["properties"]!["amount"]!["type"]!.GetValue<string>().Should().Be("integer", "seed 000's callers send {\"amount\":10000}");
        Schema(Document, "payouts.v1.ProcessCashoutRequest")["properties"]!["amount"]!["type"]!.GetValue<string>()
            .Should().Be("string", "the proto message itself stays as transcoding writes it");

        var envelope = Resolve(Document, ResponseSchema(process, 200)!);
        envelope["required"]!.ToJsonString().Should().Be("""["data","status"]""");
        envelope["properties"]!["status"]!["enum"]!.ToJsonString().Should().Be("""["success"]""");
        var data = Resolve(Document, envelope["properties"]!["data"]!.AsObject())["properties"]!;
        data["cashout_id"]!.ToJsonString().Should().Be("""{"type":"integer","format":"int64"}""");
        data["amount"]!.ToJsonString().Should().Be("""{"type":"integer","format":"int64"}""");
    }

    [Fact]
    public void Seed_routes_document_their_own_answers_success_and_error()
    {
        foreach (var (verb, path, _) in SeedRoutes)
        {
            var operation = Document["paths"]![path]![verb]!.AsObject();
            var seed000 = path.StartsWith("/cashout/", StringComparison.Ordinal);
            operation["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["400", "401", "403", "404", "409", "429", "500", "503"], $"{verb} {path}");
            operation["responses"]!["default"].Should().BeNull($"{verb} {path} lists what it answers");
            foreach (var status in new[] { 400, 401, 404, 500 })
            {
                ResponseSchema(operation, status)!["$ref"]!.GetValue<string>()
                    .Should().Be(SchemaRef + (seed000 ? "seed000.Failure" : "google.rpc.Status"), $"{verb} {path} {status}");
            }
        }

        Schema(Document, "seed000.Failure")["required"]!.ToJsonString().Should().Be("""["message","status"]""");
        Schema(Document, "seed000.Failure")["properties"]!["status"]!["enum"]!.ToJsonString().Should().Be("""["error"]""");

        // Seed 001: 201 for a payout this request created, 200 for a replay, both the bare payment.
        var create = Document["paths"]!["/api/payments"]!["post"]!.AsObject();
        ResponseSchema(create, 201)!["$ref"]!.GetValue<string>().Should().Be(SchemaRef + "seed001.Payment");
        ResponseSchema(create, 200)!["$ref"]!.GetValue<string>().Should().Be(SchemaRef + "seed001.Payment");
        create["responses"]!["200"]!["description"]!.GetValue<string>().Should().Contain("replay");
        create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().Be(SchemaRef + "payouts.v1.PayoutInitiation");
        var payment = Schema(Document, "seed001.Payment");
        payment["properties"]!.AsObject().Select(p => p.Key).Should().Equal("id", "status", "url", "externalId", "amount", "currency", "description", "metadata", "createdAt");
        payment["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo("id", "status", "url", "amount", "currency", "createdAt");
        payment["properties"]!["createdAt"]!["format"]!.GetValue<string>().Should().Be("date-time");

        // Seed 002's query string, field by field.
        var list = Document["paths"]!["/payouts"]!["get"]!;
        list["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal(
            "limit", "offset", "startDate", "endDate", "ids", "invertIds", "statuses", "invertStatuses", "refIds", "onBehalfOfId");
        ResponseSchema(list.AsObject(), 200)!["$ref"]!.GetValue<string>().Should().Be(SchemaRef + "seed002.PayoutList");
        Schema(Document, "seed002.Paging")["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo("limit", "offset", "nextOffset");
    }

    [Fact]
    public void Seed_status_words_are_enums_of_exactly_what_the_endpoints_can_write()
    {
        // Every value the proto enums hold, in the seeds' spelling; 0 (UNSPECIFIED) is never a payout's.
        var states = Enum.GetValues<PayoutState>().Where(s => s != PayoutState.Unspecified).Select(LegacyPayout.StateWord).ToList();
        var statuses = Enum.GetValues<PayoutStatus>().Where(s => s != PayoutStatus.Unspecified).Select(LegacyPayout.StatusName).ToList();
        states.Should().Contain(["pending", "succeeded", "failed", "cancelled"]);
        statuses.Should().Contain(["INITIATION_COMPLETED", "AWAITING_RECIPIENT_DETAILS"]);

        EnumOf("seed001.Payment", "status").Should().BeEquivalentTo(states);
        EnumOf("seed002.LegacyPayoutView", "status").Should().BeEquivalentTo(states);
        EnumOf("seed002.LegacyPayoutView", "initiationStatus").Should().BeEquivalentTo(statuses);

        var filter = Document["paths"]!["/payouts"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "statuses")!;
        filter["schema"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().BeEquivalentTo(LegacyPayout.FilterNames(Payout.Descriptor.File.FindTypeByName<EnumDescriptor>("PayoutStatus")))
            .And.Contain(["INITIATION_COMPLETED", "PAYOUT_STATUS_INITIATION_COMPLETED"]);
    }

    private IEnumerable<string> EnumOf(string schema, string property) =>
        Schema(Document, schema)["properties"]![property]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    /// <summary>Every operation the document must hold: each google.api.http binding of a served RPC, and the seeds' routes.</summary>
    private static IEnumerable<(string Verb, string Path, string OperationId)> Expected()
    {
        foreach (var rpc in GrpcHostingExtensions.Served.SelectMany(s => s.Methods))
        {
            if (rpc.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
            {
                continue;
            }

            var bindings = rule.AdditionalBindings.Prepend(rule).ToList();
            for (var i = 0; i < bindings.Count; i++)
            {
                var (verb, template) = Pattern(bindings[i]);
                yield return (verb, JsonNames(rpc.InputType, template), $"{rpc.Service.Name}_{rpc.Name}" + (i == 0 ? "" : $"_{i + 1}"));
            }
        }

        foreach (var route in SeedRoutes)
        {
            yield return route;
        }
    }

    private static (string Verb, string Template) Pattern(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        _ => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
    };

    /// <summary>A template's variables by the JSON names of their fields (<c>{cashout_id}</c> is <c>{cashoutId}</c>), as Grpc.Swagger names them.</summary>
    private static string JsonNames(MessageDescriptor input, string template) => Variable().Replace(template, m =>
        "{" + string.Join('.', FieldPaths.Resolve(input, m.Groups[1].Value)!.Select(f => f.JsonName)) + "}");

    /// <summary>A route with its variables unnamed, so a route pattern and a documented path compare.</summary>
    private static string Shape(string route) => Variable().Replace(route.StartsWith('/') ? route : "/" + route, "{}");

    /// <summary>Not the REST API: the hosted form, link callbacks, provider notifications, the root page and the document itself.</summary>
    private static bool IsPage(string path) => path is "/" or "/{}.json" || PagePrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    private static readonly string[] PagePrefixes = ["/checkin/", "/cashout/link/callback/", "/notifications/"];

    /// <summary>The leading comment of every rpc in proto/payouts, read from the files: "Service.Method" to its words.</summary>
    private static Dictionary<string, string> RpcCommentsInProtos()
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "proto", "payouts"), "*.proto", SearchOption.AllDirectories))
        {
            var (service, pending) = ("", new List<string>());
            foreach (var line in File.ReadLines(file).Select(l => l.Trim()))
            {
                if (line.StartsWith("//", StringComparison.Ordinal))
                {
                    pending.Add(line[2..]);
                    continue;
                }

                if (ServiceLine().Match(line) is { Success: true } s)
                {
                    service = s.Groups[1].Value;
                }
                else if (RpcLine().Match(line) is { Success: true } rpc)
                {
                    comments[$"{service}.{rpc.Groups[1].Value}"] = Words(string.Join(' ', pending));
                }

                pending.Clear();
            }
        }

        return comments;
    }

    private static string Words(string? text) => Whitespace().Replace(text ?? "", " ").Trim();

    /// <summary>Every message the served services' files define or import, nested ones included.</summary>
    private static IEnumerable<MessageDescriptor> ProtoMessages()
    {
        var files = new HashSet<FileDescriptor>();
        var pending = new Stack<FileDescriptor>(GrpcHostingExtensions.Served.Select(s => s.File).Append(Google.Rpc.Status.Descriptor.File));
        while (pending.TryPop(out var file))
        {
            if (files.Add(file))
            {
                file.Dependencies.ToList().ForEach(pending.Push);
            }
        }

        static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor m) => m.NestedTypes.SelectMany(WithNested).Prepend(m);
        return files.SelectMany(f => f.MessageTypes.SelectMany(WithNested));
    }

    [GeneratedRegex(@"\{([^}=]+)(=[^}]*)?\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^service (\w+)")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^rpc (\w+)\(")]
    private static partial Regex RpcLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
