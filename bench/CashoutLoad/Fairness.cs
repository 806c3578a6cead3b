using System.Diagnostics;
using Grpc.Core;
using Payouts.Contracts.V1;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// Rate limits per caller (bench/ratelimit.sh): a "neighbour" user calls GetBalance at half its limit, first alone,
/// then while a "flooder" user calls at ten times its own; the neighbour's latency and refusals are compared. Open
/// loop: calls start on a fixed schedule, so a slow answer never lowers the load it is measured under.
/// </summary>
internal static class Fairness
{
    public static async Task<int> RunAsync(Options options)
    {
        var limit = options.Int("limit", 100, min: 2);
        var seconds = options.Int("seconds", 10, min: 1);
        var tokens = new Tokens(options.String("key-id", "bench"), options.Required("key-secret"));
        using var channels = new CashoutChannels([options.Int("port", 50093, min: 1)], 2);
        var neighbour = new Metadata { { "authorization", tokens.Bearer("neighbour", TimeSpan.FromHours(1)) } };
        var flooder = new Metadata { { "authorization", tokens.Bearer("flooder", TimeSpan.FromHours(1)) } };

        await DriveAsync(channels.Client(0), neighbour, limit / 2, 2); // warm-up: JIT, connections
        var alone = await DriveAsync(channels.Client(0), neighbour, limit / 2, seconds);
        var flood = DriveAsync(channels.Client(1), flooder, limit * 10, seconds);
        var beside = await DriveAsync(channels.Client(0), neighbour, limit / 2, seconds);
        var flooded = await flood;

        Console.WriteLine(Format.Inv($"limit per caller: {limit}/s; neighbour at {limit / 2}/s, flooder at {limit * 10}/s, {seconds} s per phase"));
        Console.WriteLine("phase                       calls      ok  refused  errors   p50 ms   p99 ms");
        Print("neighbour alone", alone);
        Print("neighbour beside the flood", beside);
        Print("flooder", flooded);
        var p99Ratio = beside.P99 / Math.Max(alone.P99, 0.001);
        Console.WriteLine(Format.Inv($"neighbour p99 beside the flood / alone: {p99Ratio:0.00}x"));
        var ok = alone.Refused == 0 && beside.Refused == 0 && alone.Errors + beside.Errors + flooded.Errors == 0
            && flooded.Refused > 0 && flooded.Ok <= (long)((limit * (seconds + 1)) + (2 * limit));
        Console.WriteLine(ok
            ? "RESULT: the neighbour was never refused, and the flooder was held to its own limit"
            : "RESULT: FAILED (neighbour refused, errors, or the flooder got more than its limit)");
        return ok ? 0 : 1;
    }

    private static void Print(string phase, Phase p) =>
        Console.WriteLine(Format.Inv($"{phase,-26} {p.Calls,6} {p.Ok,7} {p.Refused,8} {p.Errors,7} {p.P50,8:0.000} {p.P99,8:0.000}"));

    private sealed record Phase(long Calls, long Ok, long Refused, long Errors, double P50, double P99);

    private static async Task<Phase> DriveAsync(CashoutService.CashoutServiceClient client, Metadata headers, int perSecond, int seconds)
    {
        var calls = new List<Task<(StatusCode Status, double Ms)>>();
        var clock = Stopwatch.StartNew();
        var total = perSecond * seconds;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            calls.Add(CallAsync(client, headers));
        }

        var results = await Task.WhenAll(calls);
        var okLatencies = results.Where(r => r.Status == StatusCode.OK).Select(r => r.Ms).Order().ToArray();
        return new Phase(
            results.Length,
            okLatencies.Length,
            results.Count(r => r.Status == StatusCode.ResourceExhausted),
            results.Count(r => r.Status is not (StatusCode.OK or StatusCode.ResourceExhausted)),
            Percentile(okLatencies, 0.50),
            Percentile(okLatencies, 0.99));
    }

    private static async Task<(StatusCode, double)> CallAsync(CashoutService.CashoutServiceClient client, Metadata headers)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.GetBalanceAsync(new GetBalanceRequest { Currency = "USD" }, headers);
            return (StatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
