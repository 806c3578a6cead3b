using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Payouts.Sandboxes.PayPal;

/// <summary>PayPal's replies: REST errors in the shape of PROVIDERS.md 1.2.3, OAuth2 errors in RFC 6749's.</summary>
internal static class PayPalSandboxReplies
{
    public const string InformationLink = "https://developer.paypal.com/docs/api/payments.payouts-batch/#errors";

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    public static IResult Error(int status, string name, string message, JsonArray? details = null) =>
        Json(new JsonObject
        {
            ["name"] = name,
            ["message"] = message,
            ["debug_id"] = RandomId(13).ToLowerInvariant(),
            ["information_link"] = InformationLink,
            ["details"] = details ?? [],
            ["links"] = new JsonArray(),
        }, status);

    public static JsonObject Detail(string field, string issue, string location = "body") =>
        new() { ["field"] = field, ["location"] = location, ["issue"] = issue };

    public static IResult Validation(JsonArray details) =>
        Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid request - see details", details);

    public static IResult InvalidRequest() =>
        Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.");

    public static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");

    public static IResult ServerError() =>
        Error(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", "An internal server error occurred.");

    public static IResult Unavailable() =>
        Error(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "Service Unavailable.");

    public static IResult TooManyRequests() =>
        Error(StatusCodes.Status429TooManyRequests, "RATE_LIMIT_REACHED", "Too many requests. Blocked due to rate limiting.");

    /// <summary>No or a malformed Authorization header.</summary>
    public static IResult AuthenticationFailure() =>
        Json(new JsonObject
        {
            ["name"] = "AUTHENTICATION_FAILURE",
            ["message"] = "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
            ["links"] = new JsonArray(new JsonObject { ["href"] = "https://developer.paypal.com/docs/api/overview/#error", ["rel"] = "information_link" }),
        }, StatusCodes.Status401Unauthorized);

    public static IResult NotAuthorized() =>
        Error(StatusCodes.Status403Forbidden, "NOT_AUTHORIZED", "Authorization failed due to insufficient permissions.");

    public static IResult OAuth(int status, string error, string description) =>
        Json(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    public static string RandomId(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", length);

    /// <summary>
    /// The sandbox's own base URL (…/paypal/) from a request to <paramref name="route"/>, so the links it returns
    /// point back at itself as PayPal's point at api-m.paypal.com.
    /// </summary>
    public static Uri SelfBase(HttpRequest request, string route)
    {
        var path = (request.PathBase + request.Path).ToString();
        var basePath = path.EndsWith(route, StringComparison.Ordinal) ? path[..^route.Length] : "/";
        return new Uri($"{request.Scheme}://{request.Host}{basePath}");
    }
}
