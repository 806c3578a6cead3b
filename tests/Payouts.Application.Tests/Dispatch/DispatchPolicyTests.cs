using Payouts.Application.Dispatch;

namespace Payouts.Application.Tests.Dispatch;

public sealed class DispatchPolicyTests
{
    private readonly DispatchPolicy _policy = new() { PollInterval = TimeSpan.FromSeconds(30), MaxPollInterval = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(0, 30)]
    [InlineData(60, 30)]
    [InlineData(3_600, 360)]
    [InlineData(172_800, 3_600)]
    public void Polls_thin_out_as_a_payout_ages(int ageSeconds, int expectedSeconds) =>
        _policy.PollDelay(TimeSpan.FromSeconds(ageSeconds)).Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void Backoff_doubles_with_jitter_and_stays_under_the_cap()
    {
        var policy = new DispatchPolicy { BaseBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10) };

        policy.Backoff(1).TotalSeconds.Should().BeInRange(0.5, 1);
        policy.Backoff(3).TotalSeconds.Should().BeInRange(2, 4);
        policy.Backoff(40).TotalSeconds.Should().BeInRange(5, 10);
    }
}
