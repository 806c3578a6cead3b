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

    /// <summary>Runs <paramref name="step"/> once <see cref="SandboxSettings.StepDelay"/> times <paramref name="steps"/> has passed.</summary>
    public void After(int steps, Action step)
    {
        var delay = Settings.StepDelay * steps;
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay, Clock);
            try
            {
                step();
            }
            catch (Exception ex)
            {
                LogStepFailed(Logger, ex);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox step failed")]
    private static partial void LogStepFailed(ILogger logger, Exception exception);
}
