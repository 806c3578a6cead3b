using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(60, 3600)]
    public void Backoff_doubles_from_ten_seconds_to_an_hour_with_equal_jitter(int attempts, int fullSeconds)
    {
        var options = new WebhookOptions();

        var delays = Enumerable.Range(0, 200).Select(_ => options.Backoff(attempts)).ToList();

        delays.Should().OnlyContain(d => d >= TimeSpan.FromSeconds(fullSeconds / 2.0) && d <= TimeSpan.FromSeconds(fullSeconds));
        delays.Distinct().Should().HaveCountGreaterThan(1, "jitter spreads merchants' retries");
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new WebhookOptions();

        options.Should().BeEquivalentTo(new
        {
            Enabled = true,
            Timeout = TimeSpan.FromSeconds(10),
            MaxAge = TimeSpan.FromDays(3),
            BaseBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromHours(1),
        });
    }
}
