using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// The machine's single-commit ceiling: one tiny transaction (BEGIN IMMEDIATE; one INSERT; COMMIT)
/// after another on a fresh WAL file with the given synchronous level, on one connection, for a few
/// seconds. With synchronous=FULL every COMMIT waits for an fsync of the WAL, so this is how many
/// durable commits per second the disk and SQLite allow one writer, the figure group commit divides
/// by. Same native SQLite (e_sqlite3 from SQLitePCLRaw) as the service.
/// </summary>
internal static class CommitCeiling
{
    public static int Run(Options options)
    {
        var path = options.Required("db");
        var seconds = options.Double("seconds", 5, min: 0.5);
        var synchronous = options.String("synchronous", "FULL").ToUpperInvariant();
        if (synchronous is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
        {
            throw new OptionsException("--synchronous must be OFF, NORMAL, FULL or EXTRA");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        using var connection = Sqlite.Open(path, SqliteOpenMode.ReadWriteCreate);
        var mode = Sqlite.Text(connection, "PRAGMA journal_mode = WAL;");
        Sqlite.Execute(connection, $"PRAGMA synchronous = {synchronous};");
        Sqlite.Execute(connection, "CREATE TABLE Commits (Id INTEGER PRIMARY KEY, Value INTEGER NOT NULL, CreatedAtMs INTEGER NOT NULL);");

        using var begin = Command(connection, "BEGIN IMMEDIATE");
        using var commit = Command(connection, "COMMIT");
        using var insert = Command(connection, "INSERT INTO Commits (Value, CreatedAtMs) VALUES ($value, $ms)");
        var value = insert.Parameters.Add("$value", SqliteType.Integer);
        var ms = insert.Parameters.Add("$ms", SqliteType.Integer);

        void CommitOne(long i)
        {
            begin.ExecuteNonQuery();
            value.Value = i;
            ms.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
            commit.ExecuteNonQuery();
        }

        // Unmeasured: JIT, first WAL frames.
        var warmEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        long n = 0;
        while (Stopwatch.GetTimestamp() < warmEnd)
        {
            CommitOne(n++);
        }

        var counter = options.Flag("count-fsyncs") ? FsyncCounter.Start([Environment.ProcessId], seconds) : null;
        var latencies = new List<long>(100_000);
        var cpu0 = ProcFs.ProcessTicks(Environment.ProcessId);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        long now;
        do
        {
            var t0 = Stopwatch.GetTimestamp();
            CommitOne(n++);
            now = Stopwatch.GetTimestamp();
            latencies.Add(now - t0);
        }
        while (now < end);

        var cpu1 = ProcFs.ProcessTicks(Environment.ProcessId);
        var fsyncs = counter?.ResultAsync().GetAwaiter().GetResult();
        var wall = (double)(now - start) / Stopwatch.Frequency;
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        var rows = Sqlite.Scalar(connection, "SELECT COUNT(*) FROM Commits");
        var fsyncText = fsyncs is { } f ? Format.Inv($", {f / wall:F0} fsync/s ({(double)f / latencies.Count:F2} per commit)") : "";
        Console.WriteLine(Format.Inv(
            $"single-commit ceiling: {latencies.Count / wall,8:F0} commits/s  commit p50 {Stats.Ms(Stats.Percentile(sorted, 0.50)):F3} ms  p99 {Stats.Ms(Stats.Percentile(sorted, 0.99)):F3} ms  max {Stats.Ms(sorted[^1]):F3} ms  cpu {(cpu1 - cpu0) / (double)options.Int("clk-tck", 100) / wall * 100:F0}%{fsyncText}"));
        Console.WriteLine(Format.Inv(
            $"                       ({latencies.Count} one-row transactions in {wall:F2} s, journal_mode={mode}, synchronous={synchronous}, one connection, {rows} rows in {Path.GetFileName(path)})"));
        return mode.Equals("wal", StringComparison.OrdinalIgnoreCase) && rows == n ? 0 : 1;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values (as bench/run.sh computes it).</summary>
    public static long Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(sorted.Length * p);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public static double Ms(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;
}
