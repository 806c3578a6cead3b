namespace Payouts.Infrastructure.Providers.Common;

/// <summary>How we talk to one provider over HTTP; each provider's options section has these beside its credentials.</summary>
public class ProviderHttpOptions
{
    /// <summary>The API's base URL; the default configuration points it at our sandbox.</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:8090/");

    /// <summary>One attempt's limit; a timed-out submission is an unknown outcome, never a failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries for requests marked safe to repeat (reads, and writes the provider deduplicates).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when this share of calls in <see cref="SamplingDuration"/> failed...</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many calls were made.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before letting one through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
