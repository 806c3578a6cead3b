namespace Payouts.Sandboxes.Common;

/// <summary>How a sandbox misdelivers its notifications, as real providers sometimes do.</summary>
public sealed class NotificationFaults
{
    /// <summary>Each notification is delivered twice.</summary>
    public bool Duplicate { get; set; }

    /// <summary>Notifications are held and delivered newest first once <see cref="HoldCount"/> have queued up.</summary>
    public bool OutOfOrder { get; set; }

    /// <summary>How many notifications to hold back when <see cref="OutOfOrder"/> is on.</summary>
    public int HoldCount { get; set; } = 2;

    /// <summary>Extra wait before each delivery.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>No notifications at all: the service must find out by polling.</summary>
    public bool Suppress { get; set; }
}
