using System.Net;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

public class ContentTypeTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly byte[] EmptyMessage = RawGrpcClient.Frame(new Empty());

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc-web")]
    [InlineData("text/plain")]
    public async Task Non_grpc_content_type_gets_415_with_internal_status(string contentType)
    {
        var response = await host.Client.CallAsync("/grpc.testing.TestService/EmptyCall", EmptyMessage, contentType);

        response.HttpStatus.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Status.Should().Be(13);
        response.Message.Should().Contain(contentType);
    }

    [Fact]
    public async Task Missing_content_type_gets_415()
    {
        var response = await host.Client.CallAsync("/grpc.testing.TestService/EmptyCall", EmptyMessage, contentType: null);

        response.HttpStatus.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Message.Should().Be("Content-Type is missing from the request.");
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("APPLICATION/GRPC+PROTO")]
    [InlineData("application/grpc; charset=x")]
    public async Task Grpc_content_types_are_accepted(string contentType)
    {
        var response = await host.Client.CallAsync("/grpc.testing.TestService/EmptyCall", EmptyMessage, contentType);

        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.Status.Should().Be(0);
        response.Headers["content-type"].Should().Be("application/grpc");
    }
}
