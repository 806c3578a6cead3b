namespace Payouts.Application.Tests.Infrastructure;

/// <summary>A clock tests move by hand (Microsoft's FakeTimeProvider is not available here).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
