using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Reflection;
using Payouts.Contracts.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Payouts.Api.Tests.OpenApi;

public sealed partial class OpenApiDocumentTests(OpenApiHostFixture host) : IClassFixture<OpenApiHostFixture>
{
    private const string Schemas = "#/components/schemas/";

    [Fact]
    public void Is_an_OpenAPI_3_0_3_JSON_document_titled_Payouts_with_the_proto_package_version()
    {
        host.ContentType.Should().StartWith("application/json");
        var act = () => JsonDocument.Parse(host.Text).Dispose();
        act.Should().NotThrow();

        var document = host.Document;
        document["openapi"]!.GetValue<string>().Should().Be("3.0.3");
        document["info"]!["title"]!.GetValue<string>().Should().Be("Payouts");
        document["info"]!["version"]!.GetValue<string>().Should().Be("v1");
        document["components"]!["securitySchemes"]!["bearerAuth"]!.ToJsonString()
            .Should().Be("""{"type":"http","scheme":"bearer","bearerFormat":"JWT"}""");
    }

    [Fact]
    public void Every_http_binding_of_every_registered_service_is_an_operation_and_nothing_else_is()
    {
        // Read straight from the descriptors, independently of the generator's own walk.
        var expected = new List<(string Path, string Verb, string Rpc)>();
        foreach (var service in host.Services)
        {
            foreach (var method in service.Methods)
            {
                var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                if (rule is null)
                {
                    continue;
                }

                foreach (var binding in rule.AdditionalBindings.Prepend(rule))
                {
                    var (verb, template) = Pattern(binding);
                    expected.Add((Variable().Replace(template, "{$1}"), verb, $"/{service.FullName}/{method.Name}"));
                }
            }
        }

        host.Services.Select(s => s.FullName).Should().Contain(
            ["payouts.v1.CashoutService", "payouts.v1.LinkService", "payouts.v1.PayoutService"]);
        expected.Should().HaveCountGreaterThanOrEqualTo(14, "the three services annotate 12 RPCs, two with an additional binding");

        var paths = host.Document["paths"]!.AsObject();
        foreach (var (path, verb, rpc) in expected)
        {
            paths[path]?[verb].Should().NotBeNull($"{verb.ToUpperInvariant()} {path} binds {rpc}");
            paths[path]![verb]!["description"]!.GetValue<string>().Should().StartWith($"gRPC: {rpc}");
        }

        var operations = Operations(host.Document).ToList();
        operations.Should().HaveCount(expected.Count);
        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        paths["/api/payments"]!["post"]!["operationId"]!.GetValue<string>().Should().Be("PayoutService_CreatePayout");
        paths["/payouts"]!["post"]!["operationId"]!.GetValue<string>().Should().Be("PayoutService_CreatePayout_2");
    }

    // The seeds' routes, which keep the seeds' JSON (Transcoding/Shapes/LegacyShapes.cs).
    private static readonly HashSet<string> LegacyRoutes = new(
        ["post /cashout/process", "post /cashout/link", "post /cashout/unlink", "post /api/payments", "get /api/payments/{id}", "post /payouts", "get /payouts", "get /payouts/{id}"],
        StringComparer.Ordinal);

    [Fact]
    public void Every_standard_operation_is_tagged_secured_and_answers_a_schema_or_a_google_rpc_Status()
    {
        foreach (var (path, verb, operation) in Operations(host.Document))
        {
            var where = $"{verb} {path}";
            operation["tags"]!.AsArray().Should().ContainSingle(where);
            operation["security"]!.ToJsonString().Should().Be("""[{"bearerAuth":[]}]""", where);
            if (LegacyRoutes.Contains(where))
            {
                continue;
            }

            operation["responses"]!.AsObject().Select(r => r.Key).Should().Equal(["200", "default"], where);
            operation["responses"]!["200"]!["content"]!["application/json"]!["schema"].Should().NotBeNull(where);
            operation["responses"]!["default"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
                .Should().Be(Schemas + "google.rpc.Status", where);
        }

        var status = Schema("google.rpc.Status")["properties"]!;
        status["code"]!["type"]!.GetValue<string>().Should().Be("integer");
        status["details"]!["items"]!["required"]!.ToJsonString().Should().Be("""["@type"]""");
    }

    [Fact]
    public void Every_ref_resolves_within_components()
    {
        var document = host.Document;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var refs = Descendants(document).OfType<JsonObject>().Where(o => o.ContainsKey("$ref"))
            .Select(o => o["$ref"]!.GetValue<string>()).ToList();

        refs.Should().NotBeEmpty();
        foreach (var reference in refs)
        {
            reference.Should().StartWith(Schemas);
            schemas.ContainsKey(reference[Schemas.Length..]).Should().BeTrue($"{reference} must resolve");
        }
    }

    [Fact]
    public void Every_message_schema_has_its_fields_by_json_name_with_64_bit_integers_as_strings()
    {
        var messages = AllMessages().ToDictionary(m => m.FullName, StringComparer.Ordinal);
        var checkedInt64 = 0;
        foreach (var (name, schema) in host.Document["components"]!["schemas"]!.AsObject())
        {
            if (!messages.TryGetValue(name, out var message))
            {
                continue;
            }

            var properties = schema!["properties"]!.AsObject();
            properties.Select(p => p.Key).Should().Equal(message.Fields.InDeclarationOrder().Select(f => f.JsonName), name);
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                if (field.FieldType is FieldType.Int64 or FieldType.UInt64 or FieldType.Fixed64 or FieldType.SInt64 or FieldType.SFixed64)
                {
                    var property = field.IsRepeated ? properties[field.JsonName]!["items"]! : properties[field.JsonName]!;
                    property.ToJsonString().Should().Be("""{"type":"string","format":"int64"}""", field.FullName);
                    checkedInt64++;
                }
            }
        }

        checkedInt64.Should().BeGreaterThan(5);
        Schema("payouts.v1.ProcessCashoutResponse")["properties"]!["cashout_id"]!["type"]!.GetValue<string>().Should().Be("string");
        Schema("payouts.v1.Cashout")["properties"]!["amount"]!["type"]!.GetValue<string>().Should().Be("string");
        var paths = host.Document["paths"]!;
        paths["/cashouts/{cashout_id}"]!["get"]!["parameters"]![0]!["schema"]!.ToJsonString()
            .Should().Be("""{"type":"string","format":"int64"}""", "an int64 path parameter is a string too");
        paths["/cashouts"]!["get"]!["parameters"]![0]!.ToJsonString()
            .Should().Be("""{"name":"page_size","in":"query","schema":{"type":"integer","format":"int32"}}""");
    }

    [Fact]
    public void Enums_list_their_value_names()
    {
        foreach (var type in new[]
        {
            Payout.Descriptor.File.FindTypeByName<EnumDescriptor>("PayoutStatus"),
            Payout.Descriptor.File.FindTypeByName<EnumDescriptor>("PayoutState"),
            CashoutMethod.Descriptor.File.FindTypeByName<EnumDescriptor>("CashoutMethodStatus"),
        })
        {
            var schema = Schema(type.FullName);
            schema["type"]!.GetValue<string>().Should().Be("string");
            schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(type.Values.Select(v => v.Name));
        }

        Schema("payouts.v1.Payout")["properties"]!["initiationStatus"]!["$ref"]!.GetValue<string>()
            .Should().Be(Schemas + "payouts.v1.PayoutStatus");
    }

    [Fact]
    public void Well_known_types_maps_and_oneofs_follow_the_proto3_json_mapping()
    {
        var payout = Schema("payouts.v1.Payout")["properties"]!;
        payout["createdAt"]!["type"]!.GetValue<string>().Should().Be("string");
        payout["createdAt"]!["format"]!.GetValue<string>().Should().Be("date-time");
        payout["updatedAt"]!["format"]!.GetValue<string>().Should().Be("date-time");
        payout["metadata"]!.ToJsonString().Should().Be("""{"type":"object","additionalProperties":true}""");

        var destination = Schema("payouts.v1.PayoutDestination");
        destination["x-oneof"]!.ToJsonString().Should().Be("""{"kind":["paypal","linkedPayee","tupayBankAccount"]}""");
        destination["description"]!.GetValue<string>().Should().Contain("At most one of paypal, linkedPayee, tupayBankAccount");

        var list = Schema("payouts.v1.ListPayoutsResponse")["properties"]!;
        list["payouts"]!.ToJsonString().Should().Be($$$"""{"type":"array","items":{"$ref":"{{{Schemas}}}payouts.v1.Payout"}}""");
    }

    [Fact]
    public void The_seed_routes_are_documented_with_their_parameters_and_bodies()
    {
        var paths = host.Document["paths"]!;

        // Seed 000: the envelope, its error, and 64-bit integers as JSON numbers both ways.
        var process = paths["/cashout/process"]!["post"]!;
        RequestRef(process).Should().Be("legacy.seed000.ProcessCashoutRequest");
        ResponseRef(process).Should().Be("legacy.seed000.ProcessCashoutResponse");
        ErrorRef(process).Should().Be("legacy.seed000.Error");
        Schema("legacy.seed000.ProcessCashoutRequest")["properties"]!["amount"]!.ToJsonString().Should().Be("""{"type":"integer","format":"int64"}""");
        var envelope = Schema("legacy.seed000.ProcessCashoutResponse");
        envelope["properties"]!["status"]!["enum"]!.ToJsonString().Should().Be("""["success"]""");
        envelope["properties"]!["data"]!["properties"]!["cashout_id"]!.ToJsonString().Should().Be("""{"type":"integer","format":"int64"}""");
        envelope["properties"]!["data"]!["required"]!.ToJsonString().Should().Be("""["message","cashout_id","amount","type","status"]""");
        Schema("legacy.seed000.Error")["required"]!.ToJsonString().Should().Be("""["status","message"]""");
        RequestRef(paths["/cashout/link"]!["post"]!).Should().Be("payouts.v1.LinkCashoutMethodRequest", "no 64-bit field, so the standard body");
        ResponseRef(paths["/cashout/link"]!["post"]!).Should().Be("legacy.seed000.LinkCashoutMethodResponse");
        Schema("legacy.seed000.LinkCashoutMethodResponse")["properties"]!["data"]!["required"]!.ToJsonString()
            .Should().Be("""["message","provider"]""", "link, method, payeeId and alreadyExists depend on the provider");
        RequestRef(paths["/cashout/unlink"]!["post"]!).Should().Be("payouts.v1.UnlinkCashoutMethodRequest");
        ResponseRef(paths["/cashout/unlink"]!["post"]!).Should().Be("legacy.seed000.UnlinkCashoutMethodResponse");
        process["parameters"].Should().BeNull("body \"*\" binds every field");

        // Seed 001: body "initiation"; the payment object, 201 for a new payout and 200 for a replay.
        var create = paths["/api/payments"]!["post"]!;
        RequestRef(create).Should().Be("payouts.v1.PayoutInitiation");
        create["responses"]!.AsObject().Select(r => r.Key).Should().Equal("201", "200", "default");
        ResponseRef(create, "201").Should().Be("legacy.seed001.Payment");
        ResponseRef(create).Should().Be("legacy.seed001.Payment");
        ErrorRef(create).Should().Be("google.rpc.Status");
        create["parameters"].Should().BeNull("the only field is the body");
        var payment = Schema("legacy.seed001.Payment");
        payment["properties"]!.AsObject().Select(p => p.Key).Should().Equal(
            "id", "status", "url", "externalId", "amount", "currency", "description", "metadata", "createdAt");
        payment["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["pending", "succeeded", "failed", "cancelled"]);

        var get = paths["/api/payments/{id}"]!["get"]!;
        get["parameters"]!.ToJsonString().Should().Be("""[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}]""");
        get["responses"]!.AsObject().Select(r => r.Key).Should().Equal("200", "default");
        ResponseRef(get).Should().Be("legacy.seed001.Payment");

        // Seed 002: the wrapped shapes, INITIATION_* statuses.
        RequestRef(paths["/payouts"]!["post"]!).Should().Be("payouts.v1.CreatePayoutRequest");
        ResponseRef(paths["/payouts"]!["post"]!).Should().Be("legacy.seed002.PayoutResponse");
        paths["/payouts/{id}"]!["get"]!["parameters"]![0]!["name"]!.GetValue<string>().Should().Be("id");
        ResponseRef(paths["/payouts/{id}"]!["get"]!).Should().Be("legacy.seed002.PayoutResponse");
        ResponseRef(paths["/payouts"]!["get"]!).Should().Be("legacy.seed002.PayoutList");
        ErrorRef(paths["/payouts"]!["get"]!).Should().Be("google.rpc.Status");
        Schema("legacy.seed002.Payout")["properties"]!["initiationStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Contain(["INITIATION_COMPLETED", "AWAITING_RECIPIENT_DETAILS"]).And.NotContain("PAYOUT_STATUS_INITIATION_COMPLETED");
        Schema("legacy.seed002.PayoutList")["properties"]!["paging"]!["properties"]!.AsObject().Select(p => p.Key)
            .Should().Equal("limit", "offset", "nextOffset");

        var query = paths["/payouts"]!["get"]!["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        query.Keys.Should().Equal(
            "limit", "offset", "start_date", "end_date", "ids", "invert_ids", "statuses", "invert_statuses", "ref_ids", "on_behalf_of_id");
        query.Values.Should().OnlyContain(p => p["in"]!.GetValue<string>() == "query");
        query["limit"]!["schema"]!["type"]!.GetValue<string>().Should().Be("integer");
        query["invert_ids"]!["schema"]!["type"]!.GetValue<string>().Should().Be("boolean");
        query["ids"]!.ToJsonString().Should().Be(
            """{"name":"ids","in":"query","schema":{"type":"array","items":{"type":"string"}},"style":"form","explode":true}""");
        query["statuses"]!["schema"]!["items"]!["$ref"]!.GetValue<string>().Should().Be(Schemas + "legacy.seed002.PayoutStatusFilter");

        // A custom-method suffix stays in the path; no body, and the path binds the only field.
        var cancel = paths["/payouts/{id}:cancel"]!["post"]!;
        cancel["requestBody"].Should().BeNull();
        cancel["parameters"]!.AsArray().Should().ContainSingle();
    }

    private static (string Verb, string Template) Pattern(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
        _ => throw new InvalidOperationException("binding without a pattern"),
    };

    [GeneratedRegex(@"\{([^}=]+)(=[^}]*)?\}")]
    private static partial Regex Variable();

    private static IEnumerable<(string Path, string Verb, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                yield return (path, verb, operation!.AsObject());
            }
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private IEnumerable<MessageDescriptor> AllMessages()
    {
        static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor m) => m.NestedTypes.SelectMany(WithNested).Prepend(m);

        return host.Services.SelectMany(s => DescriptorIndex.WithDependencies(s.File))
            .DistinctBy(f => f.Name)
            .Append(Google.Rpc.Status.Descriptor.File)
            .SelectMany(f => f.MessageTypes.SelectMany(WithNested));
    }

    private JsonObject Schema(string name) =>
        host.Document["components"]!["schemas"]![name]?.AsObject() ?? throw new InvalidOperationException($"no schema {name}");

    private static string? RequestRef(JsonNode operation) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>()[Schemas.Length..];

    private static string? ResponseRef(JsonNode operation, string status = "200") =>
        operation["responses"]?[status]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>()[Schemas.Length..];

    private static string? ErrorRef(JsonNode operation) => ResponseRef(operation, "default");
}
