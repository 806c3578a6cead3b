using System.Net;
using System.Text.Json;
using Payouts.Application.Common.Providers;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payouts.Infrastructure.Providers.Common;

/// <summary>
/// Turns what can go wrong on the wire into the dispatcher's vocabulary. The one distinction that
/// matters for money: did the provider possibly act on a submission (<see cref="SubmitOutcome.Unknown"/>)
/// or certainly not (<see cref="SubmitOutcome.NotSent"/>)?
/// </summary>
internal static class ProviderCalls
{
    /// <summary>A failure of a call that changes nothing at the provider (token, status, lookups).</summary>
    public static ProviderFailure FailureOf(Exception exception) => exception switch
    {
        BrokenCircuitException => new ProviderFailure(true, "circuit_open", "Calls to the provider are paused after repeated failures."),
        TimeoutRejectedException => new ProviderFailure(true, "timeout", "The provider did not answer in time."),
        HttpRequestException http => new ProviderFailure(true, "http_error", $"HTTP request failed: {http.HttpRequestError}."),
        JsonException => new ProviderFailure(true, "malformed_reply", "The provider's reply could not be read."),
        _ => new ProviderFailure(true, "unexpected", exception.GetType().Name),
    };

    /// <summary>A failure of a submission: only a request that provably never left, or was refused before processing, is <see cref="SubmitOutcome.NotSent"/>.</summary>
    public static SubmitOutcome SubmitOutcomeOf(Exception exception) => exception switch
    {
        BrokenCircuitException => new SubmitOutcome.NotSent("circuit open"),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
            new SubmitOutcome.NotSent("connection refused"),
        _ => new SubmitOutcome.Unknown(FailureOf(exception).Message),
    };

    /// <summary>A non-success HTTP status with no more specific meaning for this provider.</summary>
    public static ProviderFailure FailureOf(HttpStatusCode status) =>
        new((int)status >= 500 || status == HttpStatusCode.TooManyRequests, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), $"The provider answered HTTP {(int)status}.");

    /// <summary>
    /// A submission answered with a non-success status the adapter did not recognise. Only a plain 4xx is a
    /// refusal: 408/409/425 may follow a request that was processed, and 401/403/404 point at our own
    /// configuration (credentials, URL), which must not fail payouts for good.
    /// </summary>
    public static SubmitOutcome SubmitOutcomeOf(HttpStatusCode status) => (int)status switch
    {
        429 or 503 => new SubmitOutcome.NotSent($"HTTP {(int)status}"),
        401 or 403 or 404 => new SubmitOutcome.NotSent($"HTTP {(int)status}: check the provider's credentials and URL"),
        408 or 409 or 425 or >= 500 => new SubmitOutcome.Unknown($"HTTP {(int)status}"),
        _ => new SubmitOutcome.Refused(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), $"HTTP {(int)status}"),
    };
}
