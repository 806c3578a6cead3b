using System.Globalization;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Payouts.Api.Auth;
using Payouts.Api.Services;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Merchants;

namespace Payouts.Api.RateLimiting;

/// <summary>
/// Seed 002's 429: one token bucket per (route family, caller) from System.Threading.RateLimiting, so one flooding
/// merchant or user spends only its own permits. Checked inside the call (a gRPC interceptor, and the seed routes'
/// SeedReply) rather than by ASP.NET Core's rate-limiting middleware, for two reasons: the refusal must be each
/// route's own error (RESOURCE_EXHAUSTED over gRPC, 429 in the route's JSON shape), and a caller over its limit must
/// still get the answer to a retry whose Idempotency-Key is already on record, which the middleware cannot let through.
/// </summary>
internal sealed class CallerRateLimits : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<(string Family, string Caller)> _limiter;
    private readonly bool _enabled;

    public CallerRateLimits(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _enabled = settings.Enabled;
        _limiter = PartitionedRateLimiter.Create<(string Family, string Caller), (string, string)>(key =>
            settings.Families.TryGetValue(key.Family, out var limit) && limit.PermitsPerSecond > 0
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(limit.Burst, limit.PermitsPerSecond),
                    TokensPerPeriod = limit.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,

                    // The partitioned limiter's one timer replenishes every bucket; with AutoReplenishment each of
                    // 10,000 callers' buckets had a timer of its own, which cost a fifth of the cashout throughput.
                    AutoReplenishment = false,
                })
                : RateLimitPartition.GetNoLimiter(key));
    }

    /// <summary>Throws RESOURCE_EXHAUSTED (with RetryInfo, and Retry-After on the HTTP response) when the caller is over its limit.</summary>
    public async Task CheckAsync(HttpContext http)
    {
        if (!_enabled || http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is not { } limited
            || CallerClaims.IdOf(http.User) is not { } callerId)
        {
            return; // Unauthenticated calls are refused by their handler before any work; they spend no one's permits.
        }

        using var lease = _limiter.AttemptAcquire((limited.Family, callerId));
        if (lease.IsAcquired || await IsReplayAsync(http))
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many requests: this caller is over its {limited.Family} limit; retry after {seconds} s.";
        throw new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details =
            {
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) }),
                Any.Pack(new ErrorInfo { Reason = "rate_limited", Domain = "payouts.v1", Metadata = { ["family"] = limited.Family } }),
            },
        }.ToRpcException();
    }

    /// <summary>A retry of a request already answered costs nothing to answer again, and refusing it would hide the outcome.</summary>
    private static async Task<bool> IsReplayAsync(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader.Name].ToString();
        if (key.Length == 0 || CallerClaims.FromPrincipal(http.User) is not { } caller)
        {
            return false;
        }

        // Keys are kept per owner, as the commands' CallerId has it: a merchant's under its account's owner.
        var owner = caller.IsMerchant ? MerchantAccounts.OwnerOf(caller.Id) : caller.Id;
        return await http.RequestServices.GetRequiredService<IIdempotencyStore>().FindAsync(owner, key, http.RequestAborted) is not null;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
