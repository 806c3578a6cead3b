using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>grpc-timeout: valid values set ServerCallContext.Deadline, invalid ones are ignored.</summary>
public class DeadlineTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("1S", 1L)]
    [InlineData("30S", 30L)]
    [InlineData("1M", 60L)]
    [InlineData("1H", 3600L)]
    [InlineData("5000m", 5L)]
    [InlineData("99999999S", 99_999_999L)]
    // Longer timeouts are clamped to 99,999,999 s: 99,999,999 hours would not even fit in a DateTime.
    [InlineData("99999999M", 99_999_999L)]
    [InlineData("99999999H", 99_999_999L)]
    public async Task Valid_timeout_sets_deadline_to_now_plus_timeout(string header, long seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);
        var before = DateTime.UtcNow;

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Echo()), ("grpc-timeout", header)).WaitAsync(ProbeCalls.Patience);

        var after = DateTime.UtcNow;
        response.Status.Should().Be(0);
        host.Probe.LastDeadline.Should().BeOnOrAfter(before + timeout - ClockSlack).And.BeOnOrBefore(after + timeout + ClockSlack);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1x")]
    [InlineData("S")]
    [InlineData("1")]
    [InlineData("1.5S")]
    [InlineData("+1S")]
    [InlineData("1s")]
    [InlineData("1h")]
    [InlineData("1 S")]
    public async Task Invalid_timeout_is_ignored_and_the_call_has_no_deadline(string header)
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Echo(2)), ("grpc-timeout", header)).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        response.Messages().Should().ContainSingle();
        host.Probe.LastDeadline.Should().Be(DateTime.MaxValue);
    }

    [Fact]
    public async Task Missing_timeout_means_no_deadline()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Echo())).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(0);
        host.Probe.LastDeadline.Should().Be(DateTime.MaxValue);
    }
}
