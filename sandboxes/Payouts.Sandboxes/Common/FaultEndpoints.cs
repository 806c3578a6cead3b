using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Payouts.Sandboxes.Common;

/// <summary>Arms faults by hand, for people trying the service out: POST /{provider}/_sandbox/faults.</summary>
public static class FaultEndpoints
{
    public sealed record FaultRequest(string Operation, FaultKind Kind, int Times = 1, int DelayMilliseconds = 0);

    public sealed record NotificationFaultRequest(bool Duplicate, bool OutOfOrder, bool Suppress, int DelayMilliseconds = 0);

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
    }
}
