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
}
