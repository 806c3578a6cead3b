using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Payouts.Sandboxes.Common;

/// <summary>
/// Each sandbox's own endpoints under /{provider}/_sandbox/, for tests and people trying the service out: arm
/// faults and notification misdeliveries, move manual steps on, and read the record of what it received and paid.
/// </summary>
public static class ControlEndpoints
{
    public sealed record FaultRequest(string Operation, FaultKind Kind, int Times = 1, int DelayMilliseconds = 0);

    public sealed record NotificationFaultRequest(bool Duplicate, bool OutOfOrder, bool Suppress, int DelayMilliseconds = 0);

    public sealed record StepsRequest(int Count = 1);

    public static void MapSandboxControl(this IEndpointRouteBuilder routes, SandboxContext context)
    {
        routes.MapPost("/_sandbox/faults", (FaultRequest request) =>
        {
            if (request.Times <= 0 || string.IsNullOrWhiteSpace(request.Operation))
            {
                return Results.BadRequest(new { error = "operation and times > 0 are required" });
            }

            context.Faults.Arm(new Fault(request.Operation, request.Kind, request.Times, TimeSpan.FromMilliseconds(request.DelayMilliseconds)));
            return Results.NoContent();
        });
        routes.MapDelete("/_sandbox/faults", () =>
        {
            context.Faults.Clear();
            return Results.NoContent();
        });
        routes.MapPost("/_sandbox/notifications", (NotificationFaultRequest request) =>
        {
            var faults = context.Notifications.Faults;
            faults.Duplicate = request.Duplicate;
            faults.OutOfOrder = request.OutOfOrder;
            faults.Suppress = request.Suppress;
            faults.Delay = TimeSpan.FromMilliseconds(request.DelayMilliseconds);
            return Results.NoContent();
        });
        routes.MapPost("/_sandbox/steps", (StepsRequest request) =>
        {
            if (!context.Settings.ManualSteps)
            {
                return Results.Conflict(new { error = "Sandboxes:ManualSteps is off: steps move on by themselves" });
            }

            if (request.Count is <= 0 or > 1000)
            {
                return Results.BadRequest(new { error = "count must be 1 to 1000" });
            }

            context.RunSteps(request.Count);
            return Results.NoContent();
        });
        routes.MapGet("/_sandbox/record", (string? reference) =>
        {
            if (reference is null)
            {
                return Results.Json(new { records = context.Record.All });
            }

            return context.Record.Find(reference) is { } record
                ? Results.Json(record)
                : Results.NotFound(new { error = $"{context.Provider} never received {reference}" });
        });
    }
}
