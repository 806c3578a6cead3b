using Payouts.Sandboxes.PayPal;
using Payouts.Sandboxes.Payoneer;
using Payouts.Sandboxes.Tipalti;
using Payouts.Sandboxes.Tupay;

namespace Payouts.Sandboxes.Common;

/// <summary>Everything the sandboxes need to know; bound from the "Sandboxes" configuration section.</summary>
public sealed class SandboxSettings
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 8090;

    /// <summary>Time between two steps of a payout's progress (pending → processing → paid).</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Steps wait for <see cref="SandboxContext.RunSteps"/> instead of <see cref="StepDelay"/>: for tests that must
    /// observe an intermediate status (paid, then returned) without racing a timer.
    /// </summary>
    public bool ManualSteps { get; set; }

    /// <summary>Where each provider posts notifications: the service's HTTP endpoint, e.g. http://localhost:8080/notifications/.</summary>
    public Uri NotificationBaseUrl { get; set; } = new("http://localhost:8080/notifications/");

    /// <summary>
    /// The state file (SQLite), relative to the host's content root, e.g. data/sandboxes.db; empty: memory only, and
    /// everything the sandboxes hold is gone when they stop.
    /// </summary>
    public string? StatePath { get; set; }

    public PayPalSandboxOptions PayPal { get; set; } = new();

    public PayoneerSandboxOptions Payoneer { get; set; } = new();

    public TipaltiSandboxOptions Tipalti { get; set; } = new();

    public TupaySandboxOptions Tupay { get; set; } = new();
}
