using System.Text.Json;
using System.Text.Json.Serialization;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace Payouts.Api.Rest;

/// <summary>
/// Runs one seed route's call and answers in that route's shape: its success body, or its error body for the
/// RpcException the call threw (the same statuses the RPC answers over gRPC), with the HTTP status transcoding
/// uses for that gRPC code.
/// </summary>
internal static partial class SeedReply
{
    /// <summary>The seeds' JSON: camelCase, unset optional fields left out.</summary>
    /// <summary>
    /// Text is written as UTF-8, not \u-escaped: the answers are application/json for API clients, never inlined into
    /// HTML, and a merchant's metadata then comes back as the bytes it was sent as.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="errorJson">The route's error body for a <c>google.rpc.Status</c>.</param>
    public static async Task<IResult> RunAsync(HttpContext http, Func<Task<IResult>> call, Func<Google.Rpc.Status, string> errorJson)
    {
        Google.Rpc.Status status;
        try
        {
            // Transcoded routes pass the caller's limit in the gRPC interceptor; the seeds' own routes here, so the
            // refusal is in the route's own error shape.
            if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Grpc.JsonTranscoding.GrpcJsonTranscodingMetadata>() is null)
            {
                await http.RequestServices.GetRequiredService<RateLimiting.CallerRateLimits>().CheckAsync(http);
            }

            return await call();
        }
        catch (RpcException ex)
        {
            status = ex.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)ex.StatusCode, Message = ex.Status.Detail };
        }
        catch (Exception ex) when (Infrastructure.Persistence.StorageFailure.Is(ex))
        {
            Services.StorageFailureInterceptor.Log(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedReply)), ex);
            status = Services.ErrorStatus.StorageUnavailableStatus();
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            // As over gRPC: UNKNOWN, and the exception's text only with detailed errors on (development).
            UnhandledException(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedReply)), http.Request.Path, ex);
            var detailed = http.RequestServices.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.EnableDetailedErrors == true;
            status = new Google.Rpc.Status
            {
                Code = (int)StatusCode.Unknown,
                Message = detailed ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}" : "Exception was thrown by handler.",
            };
        }

        return Results.Content(errorJson(status), "application/json; charset=utf-8", statusCode: HttpStatusOf((StatusCode)status.Code));
    }

    /// <summary>A success body in the seeds' JSON.</summary>
    public static IResult Ok<T>(T body, int status = StatusCodes.Status200OK) => Results.Json(body, Json, statusCode: status);

    /// <summary>The seed routes' bodies carry the whole request: a query parameter would be ignored, so it is refused.</summary>
    public static void RefuseQuery(HttpRequest request)
    {
        if (request.Query.Keys.FirstOrDefault() is { } key)
        {
            throw Services.ErrorStatus.InvalidArgument($"Invalid query parameter '{key}': unknown query parameter.", (key, "unknown query parameter."));
        }
    }

    /// <summary>The HTTP status Microsoft's JSON transcoding gives each gRPC code, so seed and standard routes agree.</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => StatusCodes.Status408RequestTimeout,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception on the seed route {Path}.")]
    private static partial void UnhandledException(ILogger logger, PathString path, Exception exception);
}
