namespace Payouts.Sandboxes.Common;

/// <summary>How a payout submitted to a sandbox ends.</summary>
public enum Scenario
{
    /// <summary>Pending → processing → paid.</summary>
    Complete,

    /// <summary>Pending → processing → rejected by the bank or the provider.</summary>
    Reject,

    /// <summary>Pending → failed for a technical reason at the provider.</summary>
    Fail,

    /// <summary>Paid, then a few steps later the money comes back.</summary>
    ReturnAfterSuccess,

    /// <summary>Stays pending until a test moves it on.</summary>
    Stall,
}

/// <summary>
/// Picks each payout's <see cref="Scenario"/>. A test books one for a payout reference (our payout id);
/// otherwise the amount's last two minor digits decide, so people can try every ending by hand:
/// ..13 rejected, ..66 failed, ..77 returned after success, anything else paid.
/// </summary>
public sealed class ScenarioBook
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Scenario> _booked = new(StringComparer.Ordinal);

    public void Book(string payoutReference, Scenario scenario) => _booked[payoutReference] = scenario;

    public Scenario For(string payoutReference, long amountMinor) =>
        _booked.TryGetValue(payoutReference, out var booked) ? booked : (amountMinor % 100) switch
        {
            13 => Scenario.Reject,
            66 => Scenario.Fail,
            77 => Scenario.ReturnAfterSuccess,
            _ => Scenario.Complete,
        };
}
