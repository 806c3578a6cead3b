using Grpc.Core.Interceptors;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Api.Services;

/// <summary>
/// A database failure (busy, I/O, full disk) on any gRPC or transcoded call becomes UNAVAILABLE with a plain message:
/// retryable, since the failed write committed nothing, and never a 500 quoting the exception.
/// </summary>
internal sealed partial class StorageFailureInterceptor(ILogger<StorageFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            Log(logger, ex);
            throw ErrorStatus.StorageUnavailable();
        }
    }

    /// <summary>The exception's type and message (SQLite's own words, no values), and its stack, for the operator.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The database failed a request; the caller was told to retry.")]
    public static partial void Log(ILogger logger, Exception exception);
}
