using Microsoft.Extensions.Logging;

namespace Payouts.Sandboxes.Common;

/// <summary>What every provider sandbox shares: settings, time, a notification sender and its own faults.</summary>
public sealed partial class SandboxContext(SandboxSettings settings, TimeProvider clock, HttpClient http, ILoggerFactory logs, string provider)
{
    public SandboxSettings Settings { get; } = settings;

    public TimeProvider Clock { get; } = clock;

    public SandboxFaults Faults { get; } = new();

    /// <summary>How each payout submitted to this sandbox ends.</summary>
    public ScenarioBook Scenarios { get; } = new();

    public NotificationSender Notifications { get; } = new(http, logs.CreateLogger($"Sandbox.{provider}.Notifications"));

    public ILogger Logger { get; } = logs.CreateLogger($"Sandbox.{provider}");

    /// <summary>The service's notification endpoint for this provider.</summary>
    public Uri NotificationUrl => new(Settings.NotificationBaseUrl, provider);

    private readonly List<(long Due, Action Step)> _held = [];
    private long _stepsRun;

    /// <summary>
    /// Runs <paramref name="step"/> once <see cref="SandboxSettings.StepDelay"/> times <paramref name="steps"/> has passed,
    /// or, with <see cref="SandboxSettings.ManualSteps"/>, once <see cref="RunSteps"/> has counted that many steps.
    /// </summary>
    public void After(int steps, Action step)
    {
        if (Settings.ManualSteps)
        {
            lock (_held)
            {
                _held.Add((_stepsRun + steps, step));
            }

            return;
        }

        var delay = Settings.StepDelay * steps;
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay, Clock);
            Run(step);
        });
    }

    /// <summary>
    /// Manual steps only: moves on <paramref name="count"/> steps, one at a time, running what each makes due
    /// (in the order it was scheduled, including steps that earlier steps schedule) before returning.
    /// </summary>
    public void RunSteps(int count)
    {
        for (var i = 0; i < count; i++)
        {
            List<Action> due;
            lock (_held)
            {
                _stepsRun++;
                due = _held.Where(h => h.Due <= _stepsRun).Select(h => h.Step).ToList();
                _held.RemoveAll(h => h.Due <= _stepsRun);
            }

            due.ForEach(Run);
        }
    }

    private void Run(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex)
        {
            LogStepFailed(Logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox step failed")]
    private static partial void LogStepFailed(ILogger logger, Exception exception);
}
