using System.Diagnostics;
using System.Globalization;

namespace Payouts.Bench.CashoutLoad;

/// <summary>CPU accounting from /proc, as bench/run.sh reads it.</summary>
internal static class ProcFs
{
    /// <summary>utime + stime of a process (all threads), in clock ticks: fields 14 and 15 of /proc/PID/stat.</summary>
    public static long ProcessTicks(int pid) => TicksOf($"/proc/{pid}/stat");

    /// <summary>
    /// A PostgreSQL cluster's CPU in clock ticks: the postmaster's own, its ended children's (cutime + cstime,
    /// fields 16 and 17, which the kernel adds when the postmaster reaps them: backends of closed connections) and
    /// its live children's (backends, WAL writer, checkpointer, ...). 0 without a postmaster.
    /// </summary>
    public static long ClusterTicks(int postmasterPid)
    {
        if (postmasterPid <= 0)
        {
            return 0;
        }

        var fields = StatFields($"/proc/{postmasterPid}/stat");
        var ticks = Field(fields, 14) + Field(fields, 15) + Field(fields, 16) + Field(fields, 17);
        return ticks + ChildrenOf(postmasterPid).Sum(child => TicksOf($"/proc/{child}/stat", orZero: true));
    }

    /// <summary>The postmaster and its live children: whose fsyncs are the cluster's.</summary>
    public static int[] ClusterPids(int postmasterPid) => [postmasterPid, .. ChildrenOf(postmasterPid)];

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

    private static long TicksOf(string statPath, bool orZero = false)
    {
        try
        {
            var fields = StatFields(statPath);
            return Field(fields, 14) + Field(fields, 15);
        }
        catch (IOException) when (orZero)
        {
            // A child that ended between listing and reading: its ticks are in the parent's cutime now.
            return 0;
        }
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            string[] fields;
            try
            {
                fields = StatFields(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            if (Field(fields, 4) == pid)
            {
                yield return child;
            }
        }
    }

    /// <summary>The fields after the command name: element 0 is field 3 (state).</summary>
    private static string[] StatFields(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    /// <summary>Field n of /proc/PID/stat, numbered as proc(5) numbers them.</summary>
    private static long Field(string[] fields, int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
}

/// <summary>One reading of the server(s), the PostgreSQL cluster (if any), this process and both cores.</summary>
internal sealed record CpuSnapshot(
    long Timestamp, long ServerTicks, long PostgresTicks, long ClientTicks, Dictionary<int, long> TierTicks, (long Busy, long Total) ServerCore, (long Busy, long Total) ClientCore)
{
    public static CpuSnapshot Take(int[] serverPids, int postmasterPid, int serverCpu, int clientCpu) => new(
        Stopwatch.GetTimestamp(),
        serverPids.Sum(ProcFs.ProcessTicks),
        ProcFs.ClusterTicks(postmasterPid),
        ProcFs.ProcessTicks(Environment.ProcessId),
        serverPids.SelectMany(pid => ProcFs.TieredJitTicks(pid)).ToDictionary(),
        ProcFs.Core(serverCpu),
        ProcFs.Core(clientCpu));
}

/// <summary>CPU used between two snapshots.</summary>
internal sealed record CpuDelta(
    double WallSeconds, long ServerTicks, long PostgresTicks, long ClientTicks, long TierTicks, double OtherServerCore, double OtherClientCore, int ClkTck)
{
    public static CpuDelta Between(CpuSnapshot a, CpuSnapshot b, int clkTck)
    {
        var server = b.ServerTicks - a.ServerTicks;
        var postgres = b.PostgresTicks - a.PostgresTicks;
        var client = b.ClientTicks - a.ClientTicks;
        var tier = b.TierTicks.Sum(kv => kv.Value - a.TierTicks.GetValueOrDefault(kv.Key));
        return new CpuDelta(
            (double)(b.Timestamp - a.Timestamp) / Stopwatch.Frequency,
            server,
            postgres,
            client,
            tier,
            // PostgreSQL, when there is one, runs on the server's core too.
            Other(a.ServerCore, b.ServerCore, server + postgres),
            Other(a.ClientCore, b.ClientCore, client),
            clkTck);
    }

    /// <summary>Share of the run's wall time the server kept its core busy.</summary>
    public double ServerShare => ServerTicks / (double)ClkTck / WallSeconds;

    public double PostgresShare => PostgresTicks / (double)ClkTck / WallSeconds;

    public double ClientShare => ClientTicks / (double)ClkTck / WallSeconds;

    public double PostgresMicroseconds(long calls) => calls > 0 ? PostgresTicks * 1e6 / ClkTck / calls : double.NaN;

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
/// fsync/fdatasync system calls of some processes over a period, counted in the kernel by
/// <c>perf stat</c> tracepoints (no ptrace, no slowdown of the counted process).
/// </summary>
internal sealed class FsyncCounter
{
    private readonly Process? _perf;

    private FsyncCounter(Process? perf) => _perf = perf;

    /// <summary>Starts counting for <paramref name="seconds"/>; a counter that cannot start reports null.</summary>
    public static FsyncCounter Start(int[] pids, double seconds)
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
                         "-p", string.Join(',', pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture))), "--", "sleep", seconds.ToString("0.###", CultureInfo.InvariantCulture),
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
