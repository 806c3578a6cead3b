using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Payouts.Infrastructure.Providers.Common;

/// <summary>
/// Every provider call goes through one Polly pipeline per provider: retry (only for requests marked
/// <see cref="MarkRetrySafe"/>), a circuit breaker shared by all calls to that provider, and a timeout
/// per attempt. A write the provider does not deduplicate is never retried here.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> RetrySafeKey = new("payouts.retry-safe");

    /// <summary>Marks a request as safe to send more than once.</summary>
    public static HttpRequestMessage MarkRetrySafe(HttpRequestMessage request)
    {
        request.Options.Set(RetrySafeKey, true);
        return request;
    }

    public static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ProviderHttpOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.GetValue(RetrySafeContextKey, false) && IsTransient(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);

    private static readonly ResiliencePropertyKey<bool> RetrySafeContextKey = new("payouts.retry-safe");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RetrySafeContextKey, request.Options.TryGetValue(RetrySafeKey, out var safe) && safe);
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var attempt = await state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken);
                        return Outcome.FromResult(attempt);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request));
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
