using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>Payoneer's JSON (snake_case) and its error envelope (PROVIDERS.md §2.7).</summary>
internal static class PayoneerSandboxErrors
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static readonly ProviderErrorBodies Faults = new(
        () => Error(StatusCodes.Status500InternalServerError, "Internal Server Error", "An unexpected error occurred"),
        () => Error(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The service is temporarily unavailable"),
        () => Error(StatusCodes.Status429TooManyRequests, "Too Many Requests", "Rate limit exceeded"));

    public static IResult Ok(object value) => Results.Json(value, Json);

    public static IResult Error(int status, string error, string description, int? subCode = null, string? target = null, IReadOnlyList<FieldError>? errors = null) =>
        Results.Json(
            new { Error = error, ErrorDescription = description, ErrorDetails = new { Code = status, SubCode = subCode, Target = target, Errors = errors ?? [] } },
            Json,
            statusCode: status);

    public static IResult NotFound(string description, int? subCode = null) => Error(StatusCodes.Status404NotFound, "Not Found", description, subCode);

    public static IResult BadRequest(string description, IReadOnlyList<FieldError>? errors = null) =>
        Error(StatusCodes.Status400BadRequest, "Bad Request", description, errors: errors);

    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "Unauthorized", "The access token is missing, invalid or expired");

    public static IResult WrongProgram() =>
        Error(StatusCodes.Status403Forbidden, "Forbidden", "The access token does not grant access to this program");
}

internal sealed record FieldError(int Code, string Target, string Message, int? SubCode = null);
