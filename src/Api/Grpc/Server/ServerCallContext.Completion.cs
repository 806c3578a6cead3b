using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The dispatcher owns the call and releases its deadline state in DisposeDeadline.")]
public sealed partial class ServerCallContext
{
    // grpc-status values are cached: formatting a number per call shows up in the benchmark.
    private static readonly StringValues[] StatusValues =
        Enumerable.Range(0, 17).Select(i => new StringValues(i.ToString(CultureInfo.InvariantCulture))).ToArray();

    private static readonly Status DeadlineExceededStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private const int Http2CancelErrorCode = 8;

    private volatile bool _completed;
    private volatile bool _deadlineExceeded;
    private SemaphoreSlim? _writeLock;
    private ITimer? _deadlineTimer;
    private CancellationTokenSource? _deadlineCts;
    private TaskCompletionSource? _deadlineReached;

    internal Task DeadlineReached => _deadlineReached?.Task ?? Task.CompletedTask;

    /// <summary>Ends a unary or client-streaming call with its response message and OK.</summary>
    internal async Task CompleteWithResponseAsync(IMessage response)
    {
        await EnterWriteAsync();
        try
        {
            if (_completed)
            {
                return; // The deadline answered first; a late result is dropped.
            }

            WriteMessage(response);
            WriteStatus(Status.Ok, null, null);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Ends the call with a status: in trailers, or Trailers-Only if nothing was sent yet.</summary>
    internal async Task CompleteAsync(Status status, Metadata? trailers = null, Google.Rpc.Status? details = null)
    {
        await EnterWriteAsync();
        try
        {
            if (!_completed)
            {
                WriteStatus(_deadlineExceeded ? DeadlineExceededStatus : status, trailers, details);
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    private void WriteStatus(Status status, Metadata? trailers, Google.Rpc.Status? details)
    {
        _completed = true;
        var response = _http.Response;

        // Nothing sent or buffered yet: one HEADERS frame with END_STREAM carries the status
        // (Trailers-Only). A buffered message has not started the response yet, but needs real trailers.
        var trailersOnly = !response.HasStarted && !_messageWritten;
        var target = trailersOnly ? response.Headers : TrailersFeature?.Trailers;
        if (target is null)
        {
            throw new InvalidOperationException("The response has started and trailers are not supported.");
        }

        if (trailersOnly)
        {
            PrepareHeaders();
        }

        AppendTrailers(target, _responseTrailers);
        AppendTrailers(target, trailers);
        if (details is not null)
        {
            target[GrpcHeaders.StatusDetails] = BinaryHeaderValue.Encode(details.ToByteArray());
        }

        target[GrpcHeaders.Status] = StatusValues[(int)status.Code];
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target[GrpcHeaders.Message] = PercentEncoding.Encode(status.Detail);
        }
    }

    private static void AppendTrailers(IHeaderDictionary target, Metadata? trailers)
    {
        if (trailers is null)
        {
            return;
        }

        foreach (var entry in trailers)
        {
            AppendMetadata(target, entry);
        }
    }

    /// <summary>Starts the deadline clock from a valid <c>grpc-timeout</c>.</summary>
    internal void StartDeadline(TimeSpan timeout, TimeProvider time)
    {
        Deadline = time.GetUtcNow().UtcDateTime + timeout;
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted);
        CancellationToken = _deadlineCts.Token;
        _writeLock = new SemaphoreSlim(1, 1);
        _deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadlineTimer = time.CreateTimer(
            static state => ((ServerCallContext)state!).OnDeadlineTimer(), this, ClampToTimer(timeout), Timeout.InfiniteTimeSpan);
        _deadlineTime = time;
    }

    private TimeProvider? _deadlineTime;

    private void OnDeadlineTimer()
    {
        // Timers cap out near 49 days; a longer deadline is re-armed until it is really due.
        var remaining = Deadline - _deadlineTime!.GetUtcNow().UtcDateTime;
        if (remaining > TimeSpan.Zero)
        {
            _deadlineTimer?.Change(ClampToTimer(remaining), Timeout.InfiniteTimeSpan);
            return;
        }

        _deadlineReached?.TrySetResult();
    }

    /// <summary>
    /// The deadline won the race against the handler: cancel the handler's token, send
    /// DEADLINE_EXCEEDED unless a status already went out, then reset the stream (RST_STREAM CANCEL).
    /// </summary>
    internal async Task EndWithDeadlineExceededAsync()
    {
        _deadlineExceeded = true;
        await _deadlineCts!.CancelAsync();
        await EnterWriteAsync();
        try
        {
            if (!_completed)
            {
                WriteStatus(DeadlineExceededStatus, null, null);
            }

            // The handler may have written the status itself when its token fired (a wait that resumes
            // inline); either way it must leave before the reset, or the client sees only RST_STREAM.
            await _http.Response.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client may be gone already; the reset below is all that is left to do.
        }
        finally
        {
            ExitWrite();
        }

        _http.Features.Get<IHttpResetFeature>()?.Reset(Http2CancelErrorCode);
    }

    internal void DisposeDeadline()
    {
        _deadlineTimer?.Dispose();
        _deadlineCts?.Dispose();
        _writeLock?.Dispose();
    }

    // Only a call with a deadline has two writers (handler and deadline); others skip the lock.
    private Task EnterWriteAsync() => _writeLock?.WaitAsync() ?? Task.CompletedTask;

    private void ExitWrite() => _writeLock?.Release();

    private static TimeSpan ClampToTimer(TimeSpan timeout)
    {
        var max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        return timeout > max ? max : timeout;
    }
}
