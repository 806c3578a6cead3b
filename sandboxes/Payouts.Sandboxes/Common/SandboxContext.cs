using Microsoft.Extensions.Logging;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Common;

/// <summary>
/// What every provider sandbox shares: settings, time, its part of the state file, its scheduled steps, a notification
/// sender, its record of what it received and paid, and its own faults.
/// </summary>
public sealed class SandboxContext
{
    internal SandboxContext(SandboxSettings settings, TimeProvider clock, HttpClient http, ILoggerFactory logs, string provider, SandboxStore store)
    {
        Settings = settings;
        Clock = clock;
        Provider = provider;
        Logger = logs.CreateLogger($"Sandbox.{provider}");
        State = new SandboxState(store, provider);
        Record = new SandboxRecord(State, provider);
        Steps = new SandboxSteps(State, settings, clock, Logger);
        Notifications = new NotificationSender(State, http, logs.CreateLogger($"Sandbox.{provider}.Notifications"));
    }

    /// <summary>The provider's name and path segment, e.g. "paypal".</summary>
    public string Provider { get; }

    public SandboxSettings Settings { get; }

    public TimeProvider Clock { get; }

    public SandboxFaults Faults { get; } = new();

    /// <summary>How each payout submitted to this sandbox ends.</summary>
    public ScenarioBook Scenarios { get; } = new();

    public NotificationSender Notifications { get; }

    public ILogger Logger { get; }

    /// <summary>The service's notification endpoint for this provider.</summary>
    public Uri NotificationUrl => new(Settings.NotificationBaseUrl, Provider);

    internal SandboxState State { get; }

    internal SandboxRecord Record { get; }

    internal SandboxSteps Steps { get; }

    /// <summary>What this sandbox received and paid for <paramref name="reference"/> (our payout id), or null.</summary>
    public ReferenceRecord? RecordOf(string reference) => Record.Find(reference);

    /// <summary>
    /// Manual steps only: moves on <paramref name="count"/> steps, one at a time, running what each makes due
    /// (in the order it was scheduled, including steps that earlier steps schedule) before returning.
    /// </summary>
    public void RunSteps(int count) => Steps.RunSteps(count);

    /// <summary>Carries on from the state file: its scheduled steps, and the notifications it still owes.</summary>
    internal void Start()
    {
        Steps.Start();
        Notifications.Start();
    }

    internal async Task StopAsync()
    {
        await Steps.DisposeAsync();
        await Notifications.DisposeAsync();
    }
}
