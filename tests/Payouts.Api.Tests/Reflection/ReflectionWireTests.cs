using Google.Protobuf;
using Grpc.Reflection.V1;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Reflection;

/// <summary>Reflection queries grpcurl makes less often, sent over the wire on one bidi stream.</summary>
public class ReflectionWireTests(PayoutsHostFixture host) : IClassFixture<PayoutsHostFixture>
{
    private const string Path = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    private const int HttpRuleExtension = 72295728;

    [Fact]
    public async Task Answers_each_request_in_order_with_in_band_errors()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "google.protobuf.MethodOptions", ExtensionNumber = HttpRuleExtension } },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "google.protobuf.MethodOptions" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "no.such.Type" },
            new ServerReflectionRequest { FileByFilename = "no/such.proto" },
            new ServerReflectionRequest { FileContainingSymbol = "payouts.v1.PayoutService.CreatePayout" },
            new ServerReflectionRequest());

        responses.Should().HaveCount(6);
        FileNames(responses[0]).First().Should().Be("google/api/annotations.proto");
        responses[1].AllExtensionNumbersResponse.ExtensionNumber.Should().Contain(HttpRuleExtension);
        responses[2].ErrorResponse.ErrorCode.Should().Be(5);
        responses[3].ErrorResponse.ErrorCode.Should().Be(5);
        FileNames(responses[4]).Should().StartWith("payouts/v1/payout_service.proto").And.Contain("google/protobuf/descriptor.proto");
        responses[5].ErrorResponse.ErrorCode.Should().Be(3, "a request naming no query is INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Lists_services_sorted()
    {
        var responses = await AskAsync(new ServerReflectionRequest { ListServices = "*" });

        var names = responses.Single().ListServicesResponse.Service.Select(s => s.Name).ToList();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal).And.Contain("payouts.v1.CashoutService");
    }

    private async Task<List<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        using var client = new RawGrpcClient(host.GrpcPort);
        var body = requests.SelectMany(r => RawGrpcClient.Frame(r)).ToArray();
        var response = await client.CallAsync(Path, body);
        response.Status.Should().Be(0, response.Message);
        return response.Messages().Select(m => ServerReflectionResponse.Parser.ParseFrom(m.Payload)).ToList();
    }

    private static IEnumerable<string> FileNames(ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name);
}
