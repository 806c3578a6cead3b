using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Payouts.Application.Common.Providers;
using Payouts.Application.Notifications;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Http;

/// <summary>
/// Providers' notifications: POST /notifications/{provider}, and under it per-event paths for
/// providers that send each event to its own URL (Payoneer). The raw body goes to the provider's
/// verifier unchanged, since signatures cover the exact bytes.
/// </summary>
public static class ProviderNotificationEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapProviderNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/notifications/{provider}", Handle);
        routes.MapPost("/notifications/{provider}/{**eventPath}", Handle);
    }

    private static async Task<IResult> Handle(string provider, HttpContext http, ProviderNotifications notifications)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // A chunked body has no length to check up front: Kestrel stops reading it at the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!ProviderNames.TryParse(provider, out var name))
        {
            return Results.NotFound();
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var notification = new ProviderNotification(new Uri(http.Request.GetEncodedUrl()), http.Request.Method, headers, body.ToArray());
        return await notifications.HandleAsync(name, notification, http.RequestAborted) switch
        {
            NotificationOutcome.Accepted => Results.Ok(),
            NotificationOutcome.Rejected => Results.StatusCode(StatusCodes.Status401Unauthorized),
            NotificationOutcome.UnknownProvider => Results.NotFound(),
            _ => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        };
    }
}
