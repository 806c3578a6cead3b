using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payouts.Api.Swagger;
using Payouts.Api.Tests.OpenApi.Shapes;
using static Payouts.Api.Tests.OpenApi.OpenApiJson;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>
/// Every shape a 64-bit integer can take in a message, including those the served contracts lack (wrappers, maps,
/// nested and repeated messages): a small app transcodes a test RPC with the service's own JSON settings and OpenAPI
/// setup, and what its document says is checked against what transcoding really writes.
/// </summary>
public sealed class ProtoSchemaTests(OpenApiHost served) : IClassFixture<OpenApiHost>
{
    // Above 2^53 and at the top of uint64: a JSON number would lose them in JavaScript.
    private const string Request = """
        {"plain":"9007199254740993","unsigned":"18446744073709551615","zigzag":"-5","fixed":"7","signedFixed":"-7","present":"0",
         "many":["1","2"],"byKey":{"a":"3"},"wrapped":"4","wrappedUnsigned":"5","inner":{"deep":"6"},"inners":[{"deep":"7"}],
         "small":8,"wrappedSmall":9,"times":["2026-12-04T12:00:00Z"]}
        """;

    [Fact]
    public async Task Every_64_bit_integer_is_documented_as_the_string_transcoding_writes_wherever_it_sits()
    {
        await using var app = await StartShapesAppAsync();
        var http = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        var document = await FetchAsync(http);

        var shapes = Schema(document, "payouts.tests.openapi.Int64Shapes");
        var properties = shapes["properties"]!.AsObject();
        properties.Select(p => p.Key).Should().Equal(Int64Shapes.Descriptor.Fields.InFieldNumberOrder().Select(f => f.JsonName));
        shapes["required"].Should().BeNull("proto3 requires nothing");
        foreach (var name in new[] { "plain", "zigzag", "signedFixed", "present", "wrapped" })
        {
            Describe(properties[name]!).Should().Be("string int64", name);
        }

        foreach (var name in new[] { "unsigned", "fixed", "wrappedUnsigned" })
        {
            Describe(properties[name]!).Should().Be("string uint64", name);
        }

        Describe(properties["many"]!["items"]!).Should().Be("string int64", "repeated: each item");
        Describe(properties["byKey"]!["additionalProperties"]!).Should().Be("string int64", "map: each value");
        Describe(Schema(document, "payouts.tests.openapi.Int64Shapes.Inner")["properties"]!["deep"]!).Should().Be("string int64", "nested message");
        properties["inners"]!["items"]!["$ref"]!.GetValue<string>().Should().Be(SchemaRef + "payouts.tests.openapi.Int64Shapes.Inner");
        Describe(properties["times"]!["items"]!).Should().Be("string date-time");
        Describe(properties["small"]!).Should().Be("integer int32", "32-bit integers stay JSON numbers");
        Describe(properties["wrappedSmall"]!).Should().Be("integer int32");

        // What transcoding writes fits: every value where the document says, of its type, 64-bit integers as digits.
        using var client = new HttpClient();
        using var response = await client.PostAsync(new Uri(http, "shapes/echo"), new StringContent(Request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var answer = JsonNode.Parse(body)!;
        answer["plain"]!.GetValue<string>().Should().Be("9007199254740993");
        answer["present"]!.GetValue<string>().Should().Be("0", "a field with presence is written even at its default");
        var operation = document["paths"]!["/shapes/echo"]!["post"]!.AsObject();
        Problems(document, answer, ResponseSchema(operation, 200)!, "response").Should().BeEmpty(body);
        Problems(document, JsonNode.Parse(Request), operation["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject(), "request")
            .Should().BeEmpty();
    }

    /// <summary>The test RPC transcoded with the served service's JSON settings and documented by its OpenAPI setup.</summary>
    private async Task<WebApplication> StartShapesAppAsync()
    {
        var settings = served.Services.GetRequiredService<IOptions<GrpcJsonTranscodingOptions>>().Value.JsonSettings;
        var builder = WebApplication.CreateBuilder();

        // Not the service's appsettings.json from the output folder: its Kestrel endpoints would take the real ports.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection([new("urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc().AddJsonTranscoding(o => o.JsonSettings = settings);
        builder.Services.AddPayoutsOpenApi();
        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        app.MapPayoutsOpenApi();
        await app.StartAsync();
        return app;
    }

    /// <summary>The JSON type and format, e.g. <c>string int64</c>.</summary>
    private static string Describe(JsonNode schema) => $"{schema["type"]} {schema["format"]}";

    private sealed class EchoService : ShapesService.ShapesServiceBase
    {
        public override Task<Int64Shapes> Echo(Int64Shapes request, Grpc.Core.ServerCallContext context) => Task.FromResult(request);
    }
}
