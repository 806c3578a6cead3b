using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Payouts.Api.RateLimiting;

/// <summary>Every gRPC call, and every transcoded REST call (transcoding runs the same pipeline), passes the caller's limit first.</summary>
internal sealed class RateLimitInterceptor(CallerRateLimits limits) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await limits.CheckAsync(context.GetHttpContext());
        return await continuation(request, context);
    }
}
