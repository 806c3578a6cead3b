using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Transcoding.Shapes;

namespace Payouts.Api.Transcoding;

/// <summary>
/// Serves the REST routes of <see cref="RouteTable"/>: binds the request message, runs the RPC's own gRPC
/// handler through a <see cref="ServerCallContext"/> on this request (so the bearer token, the
/// Idempotency-Key header as <c>idempotency-key</c> metadata, validation and limits are exactly gRPC's), and
/// writes the route's shape of the outcome. Requests an endpoint already took, or no route matches, go on.
/// </summary>
internal sealed class TranscodingMiddleware(
    RequestDelegate next,
    RouteTable routes,
    GrpcMethodRegistry registry,
    IOptions<GrpcServerOptions> options,
    TimeProvider time,
    ILogger<TranscodingMiddleware> logger)
{
    private readonly GrpcServerOptions _options = options.Value;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is not null)
        {
            return next(http);
        }

        var match = routes.Match(http.Request.Method, RawSegments(http));
        if (match.Route is null)
        {
            if (match.Allowed.Count == 0)
            {
                return next(http);
            }

            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = string.Join(", ", match.Allowed.Distinct());
            return Task.CompletedTask;
        }

        return ServeAsync(http, match);
    }

    private async Task ServeAsync(HttpContext http, RouteMatch match)
    {
        var route = match.Route!;
        var shape = LegacyShapes.For(route);
        var startedAt = time.GetUtcNow();
        RestReply reply;
        try
        {
            var request = await RequestBinder.BindAsync(http, match, shape, _options.MaxReceiveMessageSize);
            if (!registry.TryGetMethod(route.GrpcPath, out var handler))
            {
                throw new RpcException(StatusCode.Unimplemented, "Method is unimplemented.");
            }

            var call = new ServerCallContext(http, route.GrpcPath, _options);
            var response = await handler.InvokeUnaryAsync(request, call);
            reply = shape.Success(new RestExchange(route, request, startedAt), response);
        }
        catch (RpcException ex)
        {
            TranscodingLog.CallFailed(logger, route.Key, ex.Status.Code, ex.Status.Detail);
            reply = ErrorReply(shape, ex.Status, ex.Details);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            TranscodingLog.CallCancelled(logger, route.Key);
            return;
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            // As over gRPC: UNKNOWN, and the exception's text only with detailed errors on.
            TranscodingLog.UnhandledException(logger, route.Key, ex);
            var detail = _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.";
            reply = ErrorReply(shape, new Status(StatusCode.Unknown, detail), null);
        }

        http.Response.StatusCode = reply.StatusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(reply.Json, http.RequestAborted);
    }

    /// <summary>The rich status the handler sent (grpc-status-details-bin) is the whole body; otherwise code and message.</summary>
    private static RestReply ErrorReply(RestShape shape, Status status, Google.Rpc.Status? details) =>
        shape.Error(details ?? new Google.Rpc.Status { Code = (int)status.Code, Message = status.Detail }, HttpStatusMapping.ToHttp(status.Code));

    /// <summary>
    /// The path's segments still percent-encoded, from the request target as sent: the decoded path has
    /// already turned %2F into '/', which would split a variable that must stay one segment.
    /// </summary>
    private static string[] RawSegments(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = target is { Length: > 0 } && target[0] == '/' ? target.Split('?', 2)[0] : http.Request.Path.Value ?? "/";
        return path.Length <= 1 ? [] : path[1..].Split('/');
    }
}
