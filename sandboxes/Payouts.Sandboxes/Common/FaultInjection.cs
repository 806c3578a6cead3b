using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payouts.Sandboxes.Common;

/// <summary>
/// Runs one sandbox operation under whatever fault is armed for it. Each provider supplies its own
/// error bodies, so the adapter sees the shapes the real provider sends.
/// </summary>
public sealed class FaultInjection(SandboxFaults faults, ProviderErrorBodies errors)
{
    /// <summary>
    /// <paramref name="process"/> does the operation's work and returns the normal reply; it runs at most once.
    /// </summary>
    public async Task<IResult> RunAsync(string operation, HttpContext http, Func<Task<IResult>> process)
    {
        var fault = faults.Take(operation);
        var aborted = http.RequestAborted;
        switch (fault?.Kind)
        {
            case null:
                return await process();
            case FaultKind.Latency:
                await Task.Delay(fault.Delay, aborted);
                return await process();
            case FaultKind.Timeout:
                await HangAsync(aborted);
                return Results.Empty;
            case FaultKind.TimeoutAfterProcessing:
                await process();
                await HangAsync(aborted);
                return Results.Empty;
            case FaultKind.ServerError:
                return errors.ServerError();
            case FaultKind.ServerErrorAfterProcessing:
                await process();
                return errors.ServerError();
            case FaultKind.Unavailable:
                return errors.Unavailable();
            case FaultKind.TooManyRequests:
                return errors.TooManyRequests();
            case FaultKind.MalformedBody:
                return Results.Text("{\"truncated\": ", errors.ContentType, Encoding.UTF8, StatusCodes.Status200OK);
            default:
                throw new InvalidOperationException($"Unhandled fault {fault.Kind}.");
        }
    }

    private static async Task HangAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), aborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up, which is the point.
        }
    }
}

/// <summary>A provider's own error replies, in its own shapes.</summary>
public sealed record ProviderErrorBodies(Func<IResult> ServerError, Func<IResult> Unavailable, Func<IResult> TooManyRequests, string ContentType = "application/json");
