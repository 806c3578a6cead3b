using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Common;

/// <summary>
/// An OAuth2 client-credentials token shared by every call of the process to one provider. Providers ask
/// integrators to reuse a token until it expires; one fetch at a time, so a burst of calls after expiry
/// costs one token request. Each provider has its own instance.
/// </summary>
internal sealed class AccessTokenCache(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly Lock _gate = new();
    private CachedToken? _current;

    public async Task<ProviderResult<string>> GetAsync(
        Func<CancellationToken, Task<ProviderResult<AccessToken>>> fetch, TimeSpan refreshMargin, CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the semaphore before us has probably just fetched one.
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var fetched = await fetch(cancellationToken);
            if (fetched.Failure is { } failure)
            {
                return failure;
            }

            var token = fetched.Value!;
            var lifetime = TimeSpan.FromSeconds(token.ExpiresInSeconds);
            var margin = refreshMargin < lifetime / 2 ? refreshMargin : lifetime / 2;
            lock (_gate)
            {
                _current = new CachedToken(token.Value, clock.GetUtcNow() + lifetime - margin);
            }

            return token.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>The provider refused <paramref name="token"/> before it should have expired (revoked, clock skew): forget it.</summary>
    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (_current?.Value == token)
            {
                _current = null;
            }
        }
    }

    public void Dispose() => _fetching.Dispose();

    private string? Fresh()
    {
        lock (_gate)
        {
            return _current is { } current && clock.GetUtcNow() < current.RefreshAt ? current.Value : null;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}

internal sealed record AccessToken(string Value, long ExpiresInSeconds);
