using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

/// <summary>
/// The middleware that serves gRPC: checks the request is a gRPC call for a served method, then runs
/// it and turns its outcome into a status. Requests for other paths go on to the rest of the pipeline.
/// </summary>
internal sealed class GrpcDispatcher(
    RequestDelegate next,
    GrpcMethodRegistry registry,
    IOptions<GrpcServerOptions> options,
    TimeProvider time,
    ILogger<GrpcDispatcher> logger)
{
    private readonly GrpcServerOptions _options = options.Value;

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var isGrpc = GrpcContentType.IsGrpc(http.Request.ContentType);
        if (!registry.TryGetMethod(path, out var handler))
        {
            return isGrpc && HttpMethods.IsPost(http.Request.Method) ? RejectUnimplemented(http, path) : next(http);
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        }

        if (!isGrpc)
        {
            var detail = http.Request.ContentType is null
                ? "Content-Type is missing from the request."
                : $"Content-Type '{http.Request.ContentType}' is not supported.";
            return RejectHttp(http, StatusCodes.Status415UnsupportedMediaType, detail);
        }

        if (!HttpProtocol.IsHttp2(http.Request.Protocol) && !HttpProtocol.IsHttp3(http.Request.Protocol))
        {
            http.Response.Headers.Upgrade = "HTTP/2";
            return RejectHttp(http, StatusCodes.Status426UpgradeRequired, $"Request protocol '{http.Request.Protocol}' is not supported.");
        }

        return RunAsync(http, handler);
    }

    private Task RunAsync(HttpContext http, MethodHandler handler)
    {
        var call = new ServerCallContext(http, handler.Path, _options);
        http.Response.ContentType = GrpcContentType.Default;
        if (handler.IsClientStreaming)
        {
            LiftBodyLimits(http);
        }

        if (http.Request.Headers.TryGetValue(GrpcHeaders.Timeout, out var timeoutHeader))
        {
            var raw = timeoutHeader.ToString();
            if (GrpcTimeout.TryParse(raw, out var timeout))
            {
                call.StartDeadline(timeout, time);
                return RunWithDeadlineAsync(call, handler);
            }

            GrpcServerLog.InvalidTimeout(logger, handler.Path, raw);
        }

        return RunHandlerAsync(call, handler);
    }

    private async Task RunWithDeadlineAsync(ServerCallContext call, MethodHandler handler)
    {
        try
        {
            var run = RunHandlerAsync(call, handler);
            if (await Task.WhenAny(run, call.DeadlineReached) != run)
            {
                GrpcServerLog.DeadlineExceeded(logger, handler.Path);
                await call.EndWithDeadlineExceededAsync();
            }

            // Even after the deadline answered, wait for the handler: it may still touch the HttpContext.
            await run;
        }
        finally
        {
            call.DisposeDeadline();
        }
    }

    private async Task RunHandlerAsync(ServerCallContext call, MethodHandler handler)
    {
        try
        {
            await handler.RunAsync(call);
        }
        catch (RpcException ex)
        {
            GrpcServerLog.CallFailed(logger, handler.Path, ex.Status.Code, ex.Status.Detail);
            await CompleteQuietlyAsync(call, ex.Status, ex.Trailers, ex.Details);
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            GrpcServerLog.CallCancelled(logger, handler.Path);
            await CompleteQuietlyAsync(call, new Status(StatusCode.Cancelled, "Call cancelled."), null, null);
        }
        catch (Exception ex) when (!call.CancellationToken.IsCancellationRequested)
        {
            GrpcServerLog.UnhandledException(logger, handler.Path, ex);
            var detail = _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.";
            await CompleteQuietlyAsync(call, new Status(StatusCode.Unknown, detail), null, null);
        }
        catch (Exception)
        {
            // Failed because the client went away (IOException from a reset stream and the like).
            GrpcServerLog.CallCancelled(logger, handler.Path);
        }
    }

    private static async Task CompleteQuietlyAsync(ServerCallContext call, Status status, Metadata? trailers, Google.Rpc.Status? details)
    {
        try
        {
            await call.CompleteAsync(status, trailers, details);
        }
        catch (Exception) when (call.CancellationToken.IsCancellationRequested)
        {
            // Nobody is listening any more.
        }
    }

    private Task RejectUnimplemented(HttpContext http, string path)
    {
        var detail = registry.HasService(path) ? "Method is unimplemented." : "Service is unimplemented.";
        GrpcServerLog.CallFailed(logger, path, StatusCode.Unimplemented, detail);
        http.Response.ContentType = GrpcContentType.Default;
        http.Response.Headers[GrpcHeaders.Status] = "12";
        http.Response.Headers[GrpcHeaders.Message] = detail;
        return Task.CompletedTask;
    }

    private static Task RejectHttp(HttpContext http, int httpStatus, string detail)
    {
        http.Response.StatusCode = httpStatus;
        http.Response.Headers[GrpcHeaders.Status] = "13";
        http.Response.Headers[GrpcHeaders.Message] = PercentEncoding.Encode(detail);
        return Task.CompletedTask;
    }

    private static void LiftBodyLimits(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
