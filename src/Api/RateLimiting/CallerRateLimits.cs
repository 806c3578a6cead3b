using System.Globalization;
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
/// Seed 002's 429: one token bucket per (route family, caller) (<see cref="CallerBuckets"/>), so one flooding
/// merchant or user spends only its own permits. Checked inside the call (a gRPC interceptor, and the seed routes'
/// SeedReply) rather than by ASP.NET Core's rate-limiting middleware, for two reasons: the refusal must be each
/// route's own error (RESOURCE_EXHAUSTED over gRPC, 429 in the route's JSON shape), and a caller over its limit must
/// still get the answer to a retry whose Idempotency-Key is already on record, which the middleware cannot let through.
/// </summary>
internal sealed class CallerRateLimits : IAsyncDisposable
{
    private readonly CallerBuckets _buckets;
    private readonly bool _enabled;

    public CallerRateLimits(IOptions<RateLimitOptions> options)
    {
        _enabled = options.Value.Enabled;
        _buckets = new CallerBuckets(options.Value.Families);
    }

    /// <summary>Throws RESOURCE_EXHAUSTED (with RetryInfo, and Retry-After on the HTTP response) when the caller is over its limit.</summary>
    public async Task CheckAsync(HttpContext http)
    {
        if (!_enabled || http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is not { } limited
            || CallerClaims.IdOf(http.User) is not { } callerId)
        {
            return; // Unauthenticated calls are refused by their handler before any work; they spend no one's permits.
        }

        if (_buckets.TryAcquire(limited.Family, callerId, out var retryAfter) || await IsReplayAsync(http))
        {
            return;
        }

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

    public ValueTask DisposeAsync() => _buckets.DisposeAsync();
}
