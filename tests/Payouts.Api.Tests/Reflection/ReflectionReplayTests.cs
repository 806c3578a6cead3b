using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Reflection;

/// <summary>
/// grpcurl's sequence, replayed by a real grpcio client against the real Payouts service: list
/// services, resolve every service and message, fetch dependencies, then invoke a method built only
/// from the returned descriptors.
/// </summary>
public class ReflectionReplayTests(PayoutsHostFixture host) : IClassFixture<PayoutsHostFixture>
{
    private static readonly string[] ServedServices =
    [
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
        "payouts.v1.CashoutService",
        "payouts.v1.LinkService",
        "payouts.v1.PayoutService",
    ];

    [Theory]
    [InlineData("auto", "v1")]
    [InlineData("v1alpha", "v1alpha")]
    public async Task Lists_services_and_resolves_every_symbol(string api, string expectedApi)
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, api, "grpc.health.v1.Health/Check", "{}");

        report.GetProperty("api").GetString().Should().Be(expectedApi);
        report.Strings("services").Should().Equal(ServedServices);
        report.GetProperty("symbols_resolved").GetInt32().Should().Be(report.GetProperty("symbols_requested").GetInt32()).And.BeGreaterThan(50);
        report.GetProperty("unknown_symbol_error_code").GetInt32().Should().Be(5, "an unknown symbol is NOT_FOUND, in-band");
        report.Strings("missing_files").Should().BeEmpty();
        report.Strings("errors").Should().BeEmpty();
    }

    [Fact]
    public async Task Serves_transitive_dependencies_under_their_import_names()
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, "auto", "grpc.health.v1.Health/Check", "{}");

        report.Strings("files").Should().Contain(
        [
            "payouts/v1/payout_service.proto",
            "payouts/v1/cashout_service.proto",
            "payouts/v1/link_service.proto",
            "google/api/annotations.proto",
            "google/api/http.proto",
            "google/protobuf/descriptor.proto",
            "google/protobuf/struct.proto",
            "google/protobuf/timestamp.proto",
        ]);
    }

    [Fact]
    public async Task Invokes_a_method_built_from_reflected_descriptors()
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, "auto", "grpc.health.v1.Health/Check", "{\"service\": \"payouts.v1.PayoutService\"}");

        var invoke = report.GetProperty("invoke");
        invoke.GetProperty("code").GetString().Should().Be("OK");
        invoke.GetProperty("response").GetProperty("status").GetString().Should().Be("SERVING");
    }

    [Fact]
    public async Task A_payouts_rpc_built_from_reflected_descriptors_asks_for_a_token()
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, "auto", "payouts.v1.PayoutService/GetPayout", "{\"id\": \"pay_1\"}");

        var invoke = report.GetProperty("invoke");
        invoke.GetProperty("code").GetString().Should().Be("UNAUTHENTICATED");
        invoke.GetProperty("details").GetString().Should().Be("User not authenticated");
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task An_invalid_argument_shows_its_field_violation_decoded_with_types_resolved_through_reflection(string api)
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, api, "payouts.v1.CashoutService/ProcessCashout", """{"type": "paypal", "amount": "-5"}""",
            $"--metadata=authorization=Bearer {TestTokens.For("replay-user")}");

        report.GetProperty("api").GetString().Should().Be(api);
        var invoke = report.GetProperty("invoke");
        invoke.GetProperty("code").GetString().Should().Be("INVALID_ARGUMENT");
        invoke.GetProperty("details").GetString().Should().Be("Invalid amount");
        var status = invoke.GetProperty("status_details");
        status.Strings("errors").Should().BeEmpty();
        report.Strings("files").Should().NotContain("google/rpc/error_details.proto", "the detail types are not part of the services' files");
        status.Strings("symbols_requested").Should().Contain("google.rpc.BadRequest", "grpcurl resolves an Any's type by file_containing_symbol");
        var details = status.GetProperty("details").EnumerateArray().ToDictionary(d => d.GetProperty("@type").GetString()!);
        var violation = details["type.googleapis.com/google.rpc.BadRequest"].GetProperty("fieldViolations").EnumerateArray().Single();
        violation.GetProperty("field").GetString().Should().Be("amount");
        violation.GetProperty("description").GetString().Should().NotBeNullOrEmpty();
        details["type.googleapis.com/google.rpc.ErrorInfo"].GetProperty("reason").GetString().Should().Be("cashout.invalid_amount");
    }

    [Fact]
    public async Task Describes_every_payouts_service_and_message_from_reflection_alone()
    {
        var report = await GrpcurlReplay.RunAsync(host.GrpcPort, "v1alpha", invoke: null, extra: $"--describe={DescribedContracts.Package}.");

        var compiled = DescribedContracts.Compiled();
        compiled.Keys.Should().Contain(["payouts.v1.CashoutService", "payouts.v1.LinkService", "payouts.v1.PayoutService", "payouts.v1.Cashout"]);
        DescribedContracts.Reflected(report.GetProperty("described")).Should().BeEquivalentTo(compiled);
        report.Strings("errors").Should().BeEmpty();
    }
}
