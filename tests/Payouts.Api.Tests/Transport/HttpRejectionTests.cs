using System.Net;
using System.Net.Http.Headers;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>Requests that are not gRPC calls get plain HTTP answers, never a gRPC status they could misread.</summary>
public class HttpRejectionTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly byte[] EmptyMessage = RawGrpcClient.Frame(new Empty());

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Unknown_path_with_non_grpc_content_type_gets_plain_404(string contentType)
    {
        var response = await host.Client.CallAsync("/grpc.testing.NoSuchService/Call", EmptyMessage, contentType).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.NotFound);
        response.Trailer("grpc-status").Should().BeNull();
        response.Trailer("grpc-message").Should().BeNull();
    }

    [Fact]
    public async Task Unknown_path_with_get_and_grpc_content_type_gets_plain_404()
    {
        using var request = GrpcRequest(HttpMethod.Get, "/grpc.testing.NoSuchService/Call");

        var response = await host.Client.SendAsync(request).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.NotFound);
        response.Trailer("grpc-status").Should().BeNull();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Non_post_on_known_method_gets_405_allowing_post(string method)
    {
        using var request = GrpcRequest(new HttpMethod(method), ProbeCalls.EmptyCall);

        var response = await host.Client.SendAsync(request).WaitAsync(ProbeCalls.Patience);

        response.HttpStatus.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Headers["allow"].Should().Be("POST");
        response.Trailer("grpc-status").Should().BeNull();
    }

    [Fact]
    public async Task Http11_request_with_grpc_content_type_gets_426_upgrade()
    {
        await using var payouts = await TestHosts.StartPayoutsAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = payouts.Addresses[1], Timeout = ProbeCalls.Patience };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/grpc.health.v1.Health/Check")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(EmptyMessage),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request).WaitAsync(ProbeCalls.Patience);

        response.Version.Should().Be(HttpVersion.Version11);
        response.StatusCode.Should().Be(HttpStatusCode.UpgradeRequired);
        response.Headers.GetValues("upgrade").Should().Equal("HTTP/2");
        response.Headers.GetValues("grpc-status").Should().Equal("13");
        response.Headers.GetValues("grpc-message").Should().Equal("Request protocol 'HTTP/1.1' is not supported.");
    }

    private static HttpRequestMessage GrpcRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(EmptyMessage) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return request;
    }
}
