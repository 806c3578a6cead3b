using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class GrpcContentTypeTests
{
    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc+json")]
    [InlineData("APPLICATION/GRPC")]
    [InlineData("application/grpc;charset=utf-8")]
    public void IsGrpc_accepts_grpc_with_suffix_or_parameters(string contentType)
    {
        GrpcContentType.IsGrpc(contentType).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/grpc-web")]
    [InlineData("application/grpc-web+proto")]
    [InlineData("application/grpcx")]
    [InlineData("application/json")]
    [InlineData("application/grp")]
    public void IsGrpc_rejects_everything_else(string? contentType)
    {
        GrpcContentType.IsGrpc(contentType).Should().BeFalse();
    }
}
