namespace Payouts.Infrastructure.Webhooks;

/// <summary>The webhook sender's timing, bound from the "Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>False keeps deliveries queued in the database without sending them (e.g. in tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>One attempt's limit, connect to response headers: a slow merchant must not hold a slot.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an attempt holds its delivery: no other sender, in this process or another replica, takes it meanwhile.
    /// If the process dies mid-attempt, the delivery is sent again once this has passed. Longer than <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a delivery is retried after it was queued; the last attempt is at this age, then it is abandoned.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The wait after the first failed attempt; doubles per failure, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deliveries in flight at once (never two of the same payout).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// A certificate (DER or PEM file) also accepted from merchant endpoints, besides the system's trusted
    /// roots: for a receiver behind a private CA in staging, or a local test receiver. Pinned, not a CA.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>
    /// Whether webhooks may go to loopback and private addresses. Off in production: a merchant's URL must not
    /// reach into our network. Tests and a local receiver turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often the sender looks for due deliveries when it found none.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The backoff's jitter source. Not configuration: the pipeline simulation seeds it, so that a failing seed
    /// replays step for step (a seeded Random is not thread-safe; the sender's default is Random.Shared).
    /// </summary>
    public Random? Jitter { get; init; }

    /// <summary>
    /// The wait after <paramref name="attempts"/> failed attempts: "equal jitter", between half and all of the
    /// exponential delay, so merchants recovering from an outage are not hit by every retry at once.
    /// </summary>
    public TimeSpan Backoff(int attempts) => Application.Common.Backoff.EqualJitter(attempts, BaseBackoff, MaxBackoff, Jitter);
}
