namespace Payouts.Sandboxes.Common;

/// <summary>What a sandbox does instead of (or as well as) answering normally.</summary>
public enum FaultKind
{
    /// <summary>Waits <see cref="Fault.Delay"/>, then answers normally.</summary>
    Latency,

    /// <summary>Never answers (until the caller gives up); nothing is processed.</summary>
    Timeout,

    /// <summary>Processes the request, then never answers: the caller cannot know it worked.</summary>
    TimeoutAfterProcessing,

    /// <summary>500 with the provider's error body; nothing is processed.</summary>
    ServerError,

    /// <summary>Processes the request, then answers 500: a lost reply.</summary>
    ServerErrorAfterProcessing,

    /// <summary>503; nothing is processed.</summary>
    Unavailable,

    /// <summary>429 with the provider's rate-limit error; nothing is processed.</summary>
    TooManyRequests,

    /// <summary>200 with a body that is not valid JSON (or XML); nothing is processed.</summary>
    MalformedBody,
}
