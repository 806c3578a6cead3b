using System.Net;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>Calls the server does not serve: UNIMPLEMENTED, Trailers-Only, HTTP 200.</summary>
public class UnimplementedTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly byte[] EmptyMessage = RawGrpcClient.Frame(new Empty());

    [Theory]
    [InlineData("/grpc.testing.UnimplementedService/UnimplementedCall")]
    [InlineData("/grpc.testing.testservice/EmptyCall")]
    [InlineData("/grpc.testing.TestService")]
    [InlineData("/")]
    public async Task Unknown_service_is_unimplemented_service(string path)
    {
        var response = await host.Client.CallAsync(path, EmptyMessage).WaitAsync(ProbeCalls.Patience);

        AssertUnimplemented(response, "Service is unimplemented.");
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/NoSuchMethod")]
    [InlineData("/grpc.testing.TestService/emptycall")]
    [InlineData("/grpc.testing.TestService/EmptyCall/")]
    public async Task Unknown_method_of_known_service_is_unimplemented_method(string path)
    {
        var response = await host.Client.CallAsync(path, EmptyMessage).WaitAsync(ProbeCalls.Patience);

        AssertUnimplemented(response, "Method is unimplemented.");
    }

    [Theory]
    [InlineData("FullDuplexCall")]
    [InlineData("UnimplementedCall")]
    public async Task Method_declared_unimplemented_by_the_binder_is_unimplemented(string method)
    {
        var response = await host.Client.CallAsync($"/grpc.testing.TestService/{method}", EmptyMessage).WaitAsync(ProbeCalls.Patience);

        AssertUnimplemented(response, "Method is unimplemented.");
    }

    private static void AssertUnimplemented(GrpcResponse response, string message)
    {
        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.Headers["content-type"].Should().Be("application/grpc");
        response.IsTrailersOnly.Should().BeTrue();
        response.Status.Should().Be(12);
        response.Message.Should().Be(message);
    }
}
