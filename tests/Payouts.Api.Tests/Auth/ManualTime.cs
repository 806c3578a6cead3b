namespace Payouts.Api.Tests.Auth;

/// <summary>A clock that moves only when told to (Microsoft.Extensions.TimeProvider.Testing is not served here).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
