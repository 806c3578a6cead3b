using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Common;

/// <summary>A notification as queued: every delivery attempt is built from these bytes.</summary>
internal sealed record Notification(long Id, Uri Url, string ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Delivers a provider's notifications to the service, with the provider's retry habit (a few more attempts on a
/// non-2xx answer) and the misdeliveries armed in <see cref="Faults"/>. Each notification is stored with the change
/// that caused it and deleted once delivered or given up, so a sandbox that stops (or is killed) sends what it still
/// owed when it starts again.
/// </summary>
public sealed partial class NotificationSender : IAsyncDisposable
{
    private const int Attempts = 6;
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly SandboxState _state;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly DurableTable<Notification> _outbox;
    private readonly Lock _gate = new();
    private readonly List<Notification> _held = [];
    private readonly List<Task> _deliveries = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<Notification> _owed;
    private long _nextId;
    private int _delivered;

    internal NotificationSender(SandboxState state, HttpClient http, ILogger logger)
    {
        _state = state;
        _http = http;
        _logger = logger;
        _outbox = state.Table<Notification>("notification");
        _owed = [.. _outbox.Values.OrderBy(n => n.Id)];
        _nextId = _owed.Select(n => n.Id).DefaultIfEmpty().Max();
    }

    public NotificationFaults Faults { get; } = new();

    /// <summary>How many deliveries got a 2xx answer; tests wait on it.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Adds headers to each attempt, for a provider that signs every attempt afresh (a nonce and a time: Payoneer).</summary>
    internal Action<HttpRequestMessage, Notification>? SignEachAttempt { get; set; }

    /// <summary>Queues one notification, inside a change: stored with it, sent once it is written.</summary>
    internal void Send(Uri url, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (Faults.Suppress)
        {
            return;
        }

        var copies = Faults.Duplicate ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            var notification = new Notification(Interlocked.Increment(ref _nextId), url, contentType, body, headers ?? NoHeaders);
            _outbox.Put(Key(notification.Id), notification);
            _state.AfterCommit(() => Release(notification));
        }
    }

    /// <summary>An application/x-www-form-urlencoded body, as the providers that post forms send it.</summary>
    internal static byte[] FormBody(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value))));

    /// <summary>Sends, oldest first, what the state file still owed at start-up.</summary>
    internal void Start()
    {
        if (_owed.Count > 0)
        {
            Track(async () =>
            {
                foreach (var notification in _owed)
                {
                    await DeliverAsync(notification);
                }
            });
        }
    }

    /// <summary>Stops delivering; what is not delivered yet stays stored for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = [.. _deliveries];
        }

        await Task.WhenAll(running);
        _stop.Dispose();
    }

    private void Release(Notification notification)
    {
        if (!Faults.OutOfOrder)
        {
            Track(() => DeliverAsync(notification));
            return;
        }

        List<Notification>? release = null;
        lock (_gate)
        {
            _held.Add(notification);
            if (_held.Count >= Faults.HoldCount)
            {
                release = [.. _held];
                release.Reverse();
                _held.Clear();
            }
        }

        if (release is not null)
        {
            Track(async () =>
            {
                foreach (var held in release)
                {
                    await DeliverAsync(held);
                }
            });
        }
    }

    private void Track(Func<Task> delivery)
    {
        var task = Task.Run(delivery);
        lock (_gate)
        {
            _deliveries.Add(task);
        }

        task.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _deliveries.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task DeliverAsync(Notification notification)
    {
        var stop = _stop.Token;
        try
        {
            for (var attempt = 1; attempt <= Attempts && !await AttemptAsync(notification, attempt, stop); attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stop);
            }

            // Delivered, or given up as the provider would.
            _state.Change(() => _outbox.Remove(Key(notification.Id)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: it stays stored, and goes out when the sandbox starts again.
        }
    }

    private async Task<bool> AttemptAsync(Notification notification, int attempt, CancellationToken stop)
    {
        if (Faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Delay, stop);
        }

        try
        {
            using var request = Build(notification);
            using var response = await _http.SendAsync(request, stop);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _delivered);
                return true;
            }

            LogRefused(_logger, (int)response.StatusCode, attempt);
        }
        catch (HttpRequestException ex)
        {
            LogFailed(_logger, ex.HttpRequestError, attempt);
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            // The service did not answer in time: like a real provider, try again.
            LogFailed(_logger, HttpRequestError.Unknown, attempt);
        }

        return false;
    }

    private HttpRequestMessage Build(Notification notification)
    {
        var content = new ByteArrayContent(notification.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(notification.ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, notification.Url) { Content = content };
        foreach (var (name, value) in notification.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        SignEachAttempt?.Invoke(request, notification);
        return request;
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification answered {Status}; attempt {Attempt}")]
    private static partial void LogRefused(ILogger logger, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification delivery failed ({Error}); attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, HttpRequestError error, int attempt);
}
