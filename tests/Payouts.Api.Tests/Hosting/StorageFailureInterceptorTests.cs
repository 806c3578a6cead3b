using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Payouts.Api.Services;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// A database failure reaches a caller as UNAVAILABLE in plain words (retryable: the failed write committed nothing),
/// never as UNKNOWN or a 500 quoting SQLite; any other exception is left to grpc-dotnet's own handling.
/// </summary>
public sealed class StorageFailureInterceptorTests
{
    private readonly StorageFailureInterceptor _interceptor = new(NullLogger<StorageFailureInterceptor>.Instance);

    [Fact]
    public async Task A_storage_failure_becomes_UNAVAILABLE_without_the_exceptions_text()
    {
        var call = () => _interceptor.UnaryServerHandler<string, string>("request", null!,
            (_, _) => throw new InvalidOperationException("saving failed", new SqliteException("SQLite Error 11: 'database disk image is malformed'.", 11)));

        var thrown = (await call.Should().ThrowAsync<RpcException>()).Which;

        thrown.StatusCode.Should().Be(StatusCode.Unavailable);
        thrown.Status.Detail.Should().Be("The service could not reach its database; retry the request.");
        thrown.ToString().Should().NotContain("SQLite").And.NotContain("malformed");
    }

    [Fact]
    public async Task Other_exceptions_pass_through_unchanged()
    {
        var bug = new InvalidOperationException("a bug");
        var call = () => _interceptor.UnaryServerHandler<string, string>("request", null!, (_, _) => throw bug);

        (await call.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(bug);
    }
}
