using System.Globalization;
using Microsoft.Extensions.Logging;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Common;

/// <summary>
/// A step of a payout's progress waiting to run, by name (the sandbox's handler) and reference (the payout).
/// </summary>
/// <param name="Due">UTC ticks; for a <paramref name="Manual"/> step, the count of manual steps after which it runs.</param>
internal sealed record ScheduledStep(long Id, string Name, string Reference, long Due, bool Manual);

/// <summary>How many manual steps a sandbox has run, so a restart keeps the manual steps it holds in their place.</summary>
internal sealed record StepCount(long Run);

/// <summary>
/// A sandbox's scheduled steps: stored with the change that schedules them, run in due order one at a time (each in
/// its own change, which also deletes it), and queued again when the sandbox starts on the same state, where steps
/// that fell due while it was down run at once, in order. Steps wait <see cref="SandboxSettings.StepDelay"/> each,
/// or with <see cref="SandboxSettings.ManualSteps"/> for <see cref="RunSteps"/>.
/// </summary>
internal sealed partial class SandboxSteps : IAsyncDisposable
{
    private const string CountKey = "run";

    private readonly SandboxState _state;
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly DurableTable<ScheduledStep> _steps;
    private readonly DurableTable<StepCount> _count;
    private readonly Dictionary<string, Action<string>> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _queueGate = new();
    private readonly PriorityQueue<ScheduledStep, (long Due, long Id)> _timed = new();
    private readonly PriorityQueue<ScheduledStep, (long Due, long Id)> _manual = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<ScheduledStep> _loaded;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private long _nextId;
    private long _manualRun;

    public SandboxSteps(SandboxState state, SandboxSettings settings, TimeProvider clock, ILogger logger)
    {
        _state = state;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _steps = state.Table<ScheduledStep>("step");
        _count = state.Table<StepCount>("step-count");
        _loaded = _steps.Values;
        _nextId = _loaded.Select(s => s.Id).DefaultIfEmpty().Max();
        _manualRun = _count.TryGet(CountKey, out var count) ? count.Run : 0;
    }

    /// <summary>Names what a step does; register every name before <see cref="Start"/>.</summary>
    public void Handle(string name, Action<string> step) => _handlers.Add(name, step);

    /// <summary>Schedules <paramref name="name"/> for <paramref name="reference"/> <paramref name="steps"/> steps from now; inside a change.</summary>
    public void After(int steps, string name, string reference)
    {
        var manual = _settings.ManualSteps;
        var due = manual ? _manualRun + steps : (_clock.GetUtcNow() + (_settings.StepDelay * steps)).UtcTicks;
        var step = new ScheduledStep(Interlocked.Increment(ref _nextId), name, reference, due, manual);
        _steps.Put(Key(step.Id), step);
        _state.AfterCommit(() => Enqueue(step));
    }

    /// <summary>Drops every step still waiting for <paramref name="reference"/>; inside a change.</summary>
    public void Cancel(string reference)
    {
        foreach (var step in _steps.Values.Where(s => s.Reference == reference))
        {
            _steps.Remove(Key(step.Id));
        }
    }

    /// <summary>
    /// Manual steps only: moves on <paramref name="count"/> steps, one at a time, running what each makes due (in the
    /// order it was scheduled, including steps that earlier steps schedule) before returning.
    /// </summary>
    public void RunSteps(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var run = _state.Change(() =>
            {
                _count.Put(CountKey, new StepCount(++_manualRun));
                return _manualRun;
            });
            List<ScheduledStep> due = [];
            lock (_queueGate)
            {
                while (_manual.TryPeek(out var step, out var priority) && priority.Due <= run)
                {
                    due.Add(_manual.Dequeue());
                }
            }

            due.ForEach(Run);
        }
    }

    /// <summary>Queues the steps the state file held at start-up (later ones queue themselves) and starts running them.</summary>
    public void Start()
    {
        foreach (var step in _loaded)
        {
            Enqueue(step);
        }

        _loop = Task.Run(RunTimedStepsAsync);
    }

    /// <summary>Stops running steps (the one under way finishes); what is left waits in the state file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private void Enqueue(ScheduledStep step)
    {
        TaskCompletionSource? wake = null;
        lock (_queueGate)
        {
            if (step.Manual)
            {
                _manual.Enqueue(step, (step.Due, step.Id));
                return;
            }

            if (!_timed.TryPeek(out _, out var head) || step.Due < head.Due)
            {
                wake = _wake;
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _timed.Enqueue(step, (step.Due, step.Id));
        }

        wake?.TrySetResult();
    }

    private async Task RunTimedStepsAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            ScheduledStep? next = null;
            var wait = Timeout.InfiniteTimeSpan;
            Task wake;
            lock (_queueGate)
            {
                wake = _wake.Task;
                if (_timed.TryPeek(out _, out var head))
                {
                    var left = TimeSpan.FromTicks(head.Due - _clock.GetUtcNow().UtcTicks);
                    if (left <= TimeSpan.Zero)
                    {
                        next = _timed.Dequeue();
                    }
                    else
                    {
                        wait = left;
                    }
                }
            }

            if (next is not null)
            {
                Run(next);
                continue;
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            await Task.WhenAny(wake, Task.Delay(wait, _clock, waiting.Token));
            await waiting.CancelAsync();
        }
    }

    private void Run(ScheduledStep step)
    {
        try
        {
            _state.Change(() =>
            {
                // Cancelled since it was queued.
                if (_steps.Remove(Key(step.Id)))
                {
                    _handlers[step.Name](step.Reference);
                }
            });
        }
        catch (Exception ex)
        {
            LogStepFailed(_logger, step.Name, ex);
        }
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox step {Step} failed")]
    private static partial void LogStepFailed(ILogger logger, string step, Exception exception);
}
