namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// Parses <c>grpc-timeout</c>: an integer of at most 8 digits and one unit out of H, M, S,
/// m (ms), u (µs), n (ns). Anything else is not a timeout, and the call runs without a deadline, as
/// grpc-dotnet does. Zero is a deadline that has already passed: grpc-js sends <c>0m</c> for those.
/// </summary>
public static class GrpcTimeout
{
    private const int MaxDigits = 8;

    /// <summary>Longer timeouts are clamped, as grpc-dotnet does: now + timeout must stay a valid DateTime.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(99_999_999);

    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        long amount = 0;
        foreach (var c in value[..^1])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        // Sub-tick values round up to one tick: a deadline of 1ns has passed as soon as we look at it.
        long ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount == 0 ? 0 : Math.Max(1, amount / 100),
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(Math.Min(ticks, MaxTimeout.Ticks));
        return true;
    }
}
