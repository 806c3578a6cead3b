using System.Diagnostics;
using System.Globalization;

namespace Payouts.Bench.CashoutLoad;

/// <summary>CPU accounting from /proc, as bench/run.sh reads it.</summary>
internal static class ProcFs
{
    /// <summary>utime + stime of a process (all threads), in clock ticks: fields 14 and 15 of /proc/PID/stat.</summary>
    public static long ProcessTicks(int pid) => TicksOf($"/proc/{pid}/stat");

    /// <summary>Ticks of the process's threads whose name holds "Tiered" (".NET Tiered Com"), by thread id.</summary>
    public static Dictionary<int, long> TieredJitTicks(int pid)
    {
        var result = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Contains("Tiered", StringComparison.Ordinal))
                {
                    result[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = TicksOf(Path.Combine(task, "stat"));
                }
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return result;
    }

    /// <summary>Busy (user+nice+system+irq+softirq+steal) and total ticks of one core, from /proc/stat.</summary>
    public static (long Busy, long Total) Core(int cpu)
    {
        var label = Format.Inv($"cpu{cpu} ");
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (line.StartsWith(label, StringComparison.Ordinal))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                var busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
                return (busy, busy + f[3] + f[4]);
            }
        }

        return (0, 0);
    }

    private static long TicksOf(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}

/// <summary>One reading of the server, this process and both cores.</summary>
internal sealed record CpuSnapshot(long Timestamp, long ServerTicks, long ClientTicks, Dictionary<int, long> TierTicks, (long Busy, long Total) ServerCore, (long Busy, long Total) ClientCore)
{
    public static CpuSnapshot Take(int serverPid, int serverCpu, int clientCpu) => new(
        Stopwatch.GetTimestamp(),
        ProcFs.ProcessTicks(serverPid),
        ProcFs.ProcessTicks(Environment.ProcessId),
        ProcFs.TieredJitTicks(serverPid),
        ProcFs.Core(serverCpu),
        ProcFs.Core(clientCpu));
}

/// <summary>CPU used between two snapshots.</summary>
internal sealed record CpuDelta(double WallSeconds, long ServerTicks, long ClientTicks, long TierTicks, double OtherServerCore, double OtherClientCore, int ClkTck)
{
    public static CpuDelta Between(CpuSnapshot a, CpuSnapshot b, int clkTck)
    {
        var server = b.ServerTicks - a.ServerTicks;
        var client = b.ClientTicks - a.ClientTicks;
        var tier = b.TierTicks.Sum(kv => kv.Value - a.TierTicks.GetValueOrDefault(kv.Key));
        return new CpuDelta(
            (double)(b.Timestamp - a.Timestamp) / Stopwatch.Frequency,
            server,
            client,
            tier,
            Other(a.ServerCore, b.ServerCore, server),
            Other(a.ClientCore, b.ClientCore, client),
            clkTck);
    }

    /// <summary>Share of the run's wall time the server kept its core busy.</summary>
    public double ServerShare => ServerTicks / (double)ClkTck / WallSeconds;

    public double ClientShare => ClientTicks / (double)ClkTck / WallSeconds;

    public double ServerMicroseconds(long calls) => calls > 0 ? ServerTicks * 1e6 / ClkTck / calls : double.NaN;

    public double ClientMicroseconds(long calls) => calls > 0 ? ClientTicks * 1e6 / ClkTck / calls : double.NaN;

    /// <summary>Busy time on the core not charged to the process pinned there, as a share of the core.</summary>
    private static double Other((long Busy, long Total) a, (long Busy, long Total) b, long processTicks)
    {
        var total = b.Total - a.Total;
        return total > 0 ? Math.Max(0, (double)(b.Busy - a.Busy - processTicks) / total) : 0;
    }
}

/// <summary>
/// fsync/fdatasync system calls of a process over a period, counted in the kernel by
/// <c>perf stat</c> tracepoints (no ptrace, no slowdown of the counted process).
/// </summary>
internal sealed class FsyncCounter
{
    private readonly Process? _perf;

    private FsyncCounter(Process? perf) => _perf = perf;

    /// <summary>Starts counting for <paramref name="seconds"/>; a counter that cannot start reports null.</summary>
    public static FsyncCounter Start(int pid, double seconds)
    {
        try
        {
            var info = new ProcessStartInfo("perf")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "stat", "-x", ",", "-e", "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync",
                         "-p", pid.ToString(CultureInfo.InvariantCulture), "--", "sleep", seconds.ToString("0.###", CultureInfo.InvariantCulture),
                     })
            {
                info.ArgumentList.Add(arg);
            }

            return new FsyncCounter(Process.Start(info));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new FsyncCounter(null);
        }
    }

    /// <summary>fsync + fdatasync calls, or null when perf was missing or could not count.</summary>
    public async Task<long?> ResultAsync()
    {
        if (_perf is null)
        {
            return null;
        }

        using (_perf)
        {
            var stderr = _perf.StandardError.ReadToEndAsync();
            await _perf.StandardOutput.ReadToEndAsync();
            await _perf.WaitForExitAsync();
            long total = 0;
            var seen = 0;
            foreach (var line in (await stderr).Split('\n'))
            {
                var fields = line.Split(',');
                if (fields.Length > 2 && fields[2].StartsWith("syscalls:sys_enter_f", StringComparison.Ordinal))
                {
                    if (!long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                    {
                        return null;
                    }

                    total += count;
                    seen++;
                }
            }

            return seen == 2 ? total : null;
        }
    }
}
