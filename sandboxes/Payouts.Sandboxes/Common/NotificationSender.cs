using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Payouts.Sandboxes.Common;

/// <summary>
/// Delivers a provider's notifications to the service, with the provider's retry habit (a few more
/// attempts on a non-2xx answer) and the misdeliveries armed in <see cref="Faults"/>.
/// </summary>
public sealed partial class NotificationSender(HttpClient http, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _held = [];

    public NotificationFaults Faults { get; } = new();

    /// <summary>How many deliveries got a 2xx answer; tests wait on it.</summary>
    public int Delivered => _delivered;

    private int _delivered;

    /// <summary>Queues one notification; <paramref name="build"/> makes a fresh request per attempt.</summary>
    public void Send(Func<HttpRequestMessage> build)
    {
        if (Faults.Suppress)
        {
            return;
        }

        var copies = Faults.Duplicate ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            Func<Task> delivery = () => DeliverAsync(build);
            if (!Faults.OutOfOrder)
            {
                _ = Task.Run(delivery);
                continue;
            }

            List<Func<Task>>? release = null;
            lock (_gate)
            {
                _held.Add(delivery);
                if (_held.Count >= Faults.HoldCount)
                {
                    release = [.. _held];
                    release.Reverse();
                    _held.Clear();
                }
            }

            if (release is not null)
            {
                _ = Task.Run(async () =>
                {
                    foreach (var held in release)
                    {
                        await held();
                    }
                });
            }
        }
    }

    private async Task DeliverAsync(Func<HttpRequestMessage> build)
    {
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            if (Faults.Delay > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Delay);
            }

            try
            {
                using var request = build();
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }

                LogRefused(logger, (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException ex)
            {
                LogFailed(logger, ex.HttpRequestError, attempt);
            }
            catch (TaskCanceledException)
            {
                // The service did not answer in time: like a real provider, try again.
                LogFailed(logger, HttpRequestError.Unknown, attempt);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }

    public static HttpRequestMessage FormPost(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };

    public static HttpRequestMessage JsonPost(Uri url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification answered {Status}; attempt {Attempt}")]
    private static partial void LogRefused(ILogger logger, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification delivery failed ({Error}); attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, HttpRequestError error, int attempt);
}
