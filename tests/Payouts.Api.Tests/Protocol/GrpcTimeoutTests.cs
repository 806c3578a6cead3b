using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class GrpcTimeoutTests
{
    public static TheoryData<string, long> ValidValues => new()
    {
        { "1H", TimeSpan.TicksPerHour },
        { "2M", 2 * TimeSpan.TicksPerMinute },
        { "3S", 3 * TimeSpan.TicksPerSecond },
        { "4m", 4 * TimeSpan.TicksPerMillisecond },
        { "5u", 5 * TimeSpan.TicksPerMicrosecond },
        { "700n", 7 },
        { "1n", 1 },
        { "99n", 1 },
        { "0m", 0 },
        { "0n", 0 },
        { "00000001S", TimeSpan.TicksPerSecond },
        { "99999999S", 99_999_999 * TimeSpan.TicksPerSecond },
    };

    [Theory]
    [InlineData("99999999M")]
    [InlineData("99999999H")]
    public void TryParse_clamps_timeouts_above_99999999_seconds(string value)
    {
        // As grpc-dotnet: ~3.2 years is "forever", and now + 99999999H would not fit in a DateTime.
        GrpcTimeout.TryParse(value, out var timeout).Should().BeTrue();
        timeout.Should().Be(TimeSpan.FromSeconds(99_999_999));
    }

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void TryParse_valid_value_gives_timeout(string value, long ticks)
    {
        GrpcTimeout.TryParse(value, out var timeout).Should().BeTrue();
        timeout.Ticks.Should().Be(ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("1")]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("123456789S")]
    [InlineData("000000001S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("1x")]
    [InlineData("1s")]
    [InlineData("1h")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    [InlineData("1S ")]
    [InlineData("1 S")]
    [InlineData("١S")]
    [InlineData("1SS")]
    public void TryParse_invalid_value_is_rejected(string value)
    {
        GrpcTimeout.TryParse(value, out var timeout).Should().BeFalse();
        timeout.Should().Be(TimeSpan.Zero);
    }
}
