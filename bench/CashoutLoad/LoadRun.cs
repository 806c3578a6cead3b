using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Payouts.Contracts.V1;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// The load: closed loop, N ProcessCashout calls in flight (N workers, each sending its next call
/// when the previous reply is in), spread over many users and a few HTTP/2 connections. Funds the
/// users with CreditBalance first, warms the server up until its JIT settles, then measures each
/// in-flight config over a window after a short unmeasured lead-in.
/// </summary>
internal sealed class LoadRun : IDisposable
{
    private const string CashoutType = "paypal";
    private const int WarmUpInFlight = 16;

    private readonly int[] _serverPids;
    private readonly int _postmasterPid;
    private readonly int _serverCpu;
    private readonly int _clientCpu;
    private readonly int _clkTck;
    private readonly int _users;
    private readonly string _prefix;
    private readonly long _amount;
    private readonly long _fund;
    private readonly bool _idempotencyKeys;
    private readonly bool _countFsyncs;
    private readonly int[] _ports;
    private readonly CashoutChannels _grpc;

    // Every cashout is the same message, and each user's headers are the same on every call: built
    // once and shared, since the client only reads them (nothing here mutates them after start).
    private readonly ProcessCashoutRequest _cashoutRequest;
    private readonly Metadata.Entry[] _authorization;
    private readonly Metadata[] _headers;
    private readonly Metadata _funderHeaders;
    private readonly int[] _order;
    private readonly long[] _credited;
    private readonly int[] _okPerUser;
    private readonly List<long>[] _ids;
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errorSamples = new(StringComparer.Ordinal);
    private long _cursor = -1;

    private LoadRun(Options options, int maxInFlight)
    {
        _serverPids = options.Ints("server-pid", []);
        _postmasterPid = options.Int("postgres-pid", 0, min: 0);
        _serverCpu = options.Int("server-cpu", 0, min: 0);
        _clientCpu = options.Int("client-cpu", 1, min: 0);
        _clkTck = options.Int("clk-tck", 100, min: 1);
        _users = options.Int("users", 10_000, min: 1);
        _prefix = options.String("user-prefix", "bench-u");
        _amount = options.Long("amount", 100, min: 1);
        _fund = options.Long("fund", 10_000_000, min: 1);
        _idempotencyKeys = options.Flag("idempotency-keys");
        _countFsyncs = options.Flag("count-fsyncs");
        _ports = options.Ints("port", []);
        if (_ports.Length == 0 || _serverPids.Length != _ports.Length)
        {
            throw new OptionsException("--port and --server-pid are required, one server pid per port (comma-separated for replicas)");
        }

        _grpc = new CashoutChannels(_ports, options.Int("connections", 4, min: 1));
        _cashoutRequest = new ProcessCashoutRequest { Type = CashoutType, Amount = _amount };

        var tokens = new Tokens(options.String("key-id", "bench"), options.Required("key-secret"));
        var lifetime = TimeSpan.FromHours(3);
        _authorization = Enumerable.Range(0, _users)
            .Select(i => new Metadata.Entry("authorization", tokens.Bearer(BenchUsers.Id(_prefix, i), lifetime)))
            .ToArray();
        _headers = _authorization.Select(entry => new Metadata { entry }).ToArray();
        _funderHeaders = new Metadata { { "authorization", tokens.Bearer("bench-funder", lifetime, scope: "balances:write") } };

        // A fixed shuffle: consecutive calls go to unrelated users (and their rows), as real traffic would.
        _order = Enumerable.Range(0, _users).ToArray();
        new Random(20261121).Shuffle(_order);
        _credited = new long[_users];
        _okPerUser = new int[_users];
        _ids = Enumerable.Range(0, Math.Max(maxInFlight, 64)).Select(_ => new List<long>(1 << 16)).ToArray();
    }

    public static async Task<int> RunAsync(Options options)
    {
        var configs = options.Ints("configs", [1, 16, 64]);
        var duration = options.Double("duration", 10, min: 1);
        var configWarmup = options.Double("config-warmup", 2);
        var warmup = options.Double("warmup", 90);
        var minWarmup = options.Double("min-warmup", 10);
        var warmupChunk = options.Double("warmup-chunk", 5, min: 1);
        var statePath = options.Required("state");
        var tablePath = options.String("table", "");

        using var run = new LoadRun(options, configs.Max());
        foreach (var pid in run._serverPids.Append(run._postmasterPid).Where(pid => pid > 0 && !File.Exists($"/proc/{pid}/stat")))
        {
            throw new OptionsException($"pid {pid}: no such process");
        }

        Console.WriteLine(Format.Inv(
            $"load: {run._users} users, ProcessCashout {{type: \"{CashoutType}\", amount: {run._amount}}}, {run._grpc.Count} HTTP/2 connections (h2c, Grpc.Net.Client), idempotency-key: {(run._idempotencyKeys ? "a new one per call" : "none")}; server pid(s) {string.Join(',', run._serverPids)}{(run._postmasterPid > 0 ? $" and PostgreSQL (postmaster {run._postmasterPid})" : "")} on core {run._serverCpu}, this process on core {run._clientCpu}"));

        if (!await run._grpc.ConnectAsync())
        {
            Console.WriteLine(Format.Inv($"load: could not open {run._grpc.Count} connections to 127.0.0.1:{string.Join(',', run._ports)} within 10 s; not measuring"));
            return 1;
        }

        if (!await run.FundAsync())
        {
            run.SaveState(statePath);
            Console.WriteLine("load: funding failed; not measuring");
            run.PrintErrors();
            return 1;
        }

        // After real calls, not just connects: a handler that opened a second connection would show here.
        var connected = TcpConnections.To(run._ports);
        Console.WriteLine(Format.Inv($"connections: {connected} established to 127.0.0.1:{string.Join(',', run._ports)} (asked for {run._grpc.Count})"));
        if (connected != run._grpc.Count)
        {
            run.RecordError("connections", Format.Inv($"{connected} TCP connections open instead of {run._grpc.Count}"));
        }

        var warmupNote = await run.WarmUpAsync(warmup, minWarmup, warmupChunk);

        var rows = new List<string> { Row.Header };
        var results = new List<(int InFlight, PhaseResult Result)>();
        foreach (var inFlight in configs)
        {
            var result = await run.RunPhaseAsync(inFlight, configWarmup, duration, run._countFsyncs);
            Console.WriteLine(Format.Inv(
                $"  measured {inFlight} in flight: {result.Ok} OK, {result.Errors} errors in {result.WindowSeconds:F2} s; server {result.Cpu.ServerTicks} ticks (tiered JIT {result.Cpu.TierTicks}), generator {result.Cpu.ClientTicks} ticks ({result.Cpu.ClientMicroseconds(result.Ok):F1} µs/cashout)"));
            rows.Add(Row.Format(inFlight, result));
            results.Add((inFlight, result));
        }

        run.SaveState(statePath);
        var okTotal = run._okPerUser.Sum(n => (long)n);
        var errorTotal = run._errors.Values.Sum();
        var table = new List<string>(rows)
        {
            "",
            warmupNote,
            Format.Inv($"all phases: {okTotal} OK ProcessCashout replies, {run._credited.Count(c => c > 0)} OK CreditBalance replies, {errorTotal} errors"),
        };
        table.AddRange(TargetLines(results));

        Console.WriteLine();
        foreach (var line in table)
        {
            Console.WriteLine(line);
        }

        if (tablePath.Length > 0)
        {
            await File.WriteAllLinesAsync(tablePath, table);
        }

        run.PrintErrors();
        return errorTotal == 0 && okTotal > 0 ? 0 : 1;
    }

    public void Dispose() => _grpc.Dispose();

    /// <summary>CreditBalance for every user, 64 in flight; every reply must be OK and a first application.</summary>
    private async Task<bool> FundAsync()
    {
        long next = -1;
        var started = Stopwatch.GetTimestamp();
        async Task FundWorker(int slot)
        {
            await Task.Yield();
            while (true)
            {
                var i = (int)Interlocked.Increment(ref next);
                if (i >= _users)
                {
                    return;
                }

                var user = BenchUsers.Id(_prefix, i);
                var request = new CreditBalanceRequest { UserId = user, Amount = _fund, Currency = "USD", Reference = "bench-fund-" + user, Description = "bench funding" };
                CreditBalanceResponse reply;
                try
                {
                    using var call = _grpc.Client(slot).CreditBalanceAsync(request, _funderHeaders);
                    reply = await call.ResponseAsync;
                }
                catch (RpcException ex)
                {
                    RecordError("CreditBalance " + CallErrors.Kind(ex), CallErrors.Sample(ex));
                    continue;
                }

                _credited[i] = _fund;
                if (reply.AlreadyApplied || reply.Available != _fund || reply.Reference != request.Reference || reply.Currency != "USD")
                {
                    RecordError("CreditBalance bad reply", reply.ToString());
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 64).Select(FundWorker));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var funded = _credited.Count(c => c > 0);
        Console.WriteLine(Format.Inv($"fund: {funded} users credited {_fund} USD minor units each with CreditBalance in {seconds:F1} s ({funded / seconds:F0} credits/s, cold server)"));
        return funded == _users && _errors.IsEmpty;
    }

    /// <summary>
    /// Chunks at 16 in flight until the server has settled: CPU per cashout within 5% of the previous
    /// chunk and the tiered-JIT thread under 1% of the server's CPU (as bench/run.sh decides it).
    /// </summary>
    private async Task<string> WarmUpAsync(double max, double min, double chunkSeconds)
    {
        if (max <= 0)
        {
            return "warm-up: skipped";
        }

        Console.WriteLine(Format.Inv($"warm-up at {WarmUpInFlight} in flight, {chunkSeconds:F0} s chunks, until settled (min {min:F0} s, max {max:F0} s)"));
        double elapsed = 0;
        double? previous = null;
        while (elapsed < max)
        {
            var chunk = Math.Min(chunkSeconds, max - elapsed);
            var r = await RunPhaseAsync(WarmUpInFlight, 0, chunk, countFsyncs: false);
            elapsed += chunk;
            var us = r.Cpu.ServerMicroseconds(r.Ok);
            var tier = r.Cpu.ServerTicks > 0 ? 100.0 * r.Cpu.TierTicks / r.Cpu.ServerTicks : 0;
            Console.WriteLine(Format.Inv(
                $"  warm-up {elapsed,3:F0} s: {r.Ok / r.WindowSeconds,8:F0} cashouts/s  {us,7:F1} µs/cashout  p99 {Stats.Ms(Stats.Percentile(r.Latencies, 0.99)),6:F2} ms  tiered JIT {tier,5:F1}% of server CPU  errors {r.Errors}"));
            if (elapsed >= min && previous is { } p && Math.Abs(us - p) / p < 0.05 && tier < 1.0 && r.Errors == 0)
            {
                return Format.Inv($"warm-up: settled after {elapsed:F0} s at {WarmUpInFlight} in flight");
            }

            previous = us;
        }

        var note = Format.Inv($"warm-up: NOT settled after {elapsed:F0} s (still tiering or drifting; raise --warmup)");
        Console.WriteLine(note);
        return note;
    }

    private sealed class Phase(int workers)
    {
        public long WindowStart = long.MaxValue;
        public long WindowEnd = long.MaxValue;
        public volatile bool Stopping;

        public int Workers { get; } = workers;

        public List<long>[] Latencies { get; } = Enumerable.Range(0, workers).Select(_ => new List<long>(1 << 14)).ToArray();

        public long[] WindowErrors { get; } = new long[workers];

        /// <summary>Ends calls that hang well past the window (a stuck server), so the run cannot hang.</summary>
        public CancellationTokenSource Abort { get; } = new();
    }

    internal sealed record PhaseResult(long Ok, long Errors, long[] Latencies, double WindowSeconds, CpuDelta Cpu, long? Fsyncs);

    /// <summary>
    /// Runs <paramref name="inFlight"/> workers for lead + window seconds. Calls that complete inside
    /// the window count (latency from send to trailers); CPU is read at the window's two ends.
    /// </summary>
    private async Task<PhaseResult> RunPhaseAsync(int inFlight, double leadSeconds, double windowSeconds, bool countFsyncs)
    {
        var phase = new Phase(inFlight);
        var begun = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, inFlight).Select(slot => Worker(phase, slot)).ToArray();
        await SleepUntil(begun + (long)(leadSeconds * Stopwatch.Frequency));

        var before = CpuSnapshot.Take(_serverPids, _postmasterPid, _serverCpu, _clientCpu);
        // On PostgreSQL the commits' flushes are the cluster's (its backends and WAL writer), not the service's.
        var fsyncers = _postmasterPid > 0 ? ProcFs.ClusterPids(_postmasterPid) : _serverPids;
        var counter = countFsyncs ? FsyncCounter.Start(fsyncers, windowSeconds) : null;
        Volatile.Write(ref phase.WindowEnd, before.Timestamp + (long)(windowSeconds * Stopwatch.Frequency));
        Volatile.Write(ref phase.WindowStart, before.Timestamp);
        await SleepUntil(phase.WindowEnd);
        var after = CpuSnapshot.Take(_serverPids, _postmasterPid, _serverCpu, _clientCpu);

        phase.Stopping = true;
        phase.Abort.CancelAfter(TimeSpan.FromSeconds(30));
        await Task.WhenAll(workers);
        var fsyncs = counter is null ? null : await counter.ResultAsync();
        phase.Abort.Dispose();

        var latencies = phase.Latencies.SelectMany(l => l).ToArray();
        Array.Sort(latencies);
        var cpu = CpuDelta.Between(before, after, _clkTck);
        var window = (double)(phase.WindowEnd - phase.WindowStart) / Stopwatch.Frequency;
        return new PhaseResult(latencies.Length, phase.WindowErrors.Sum(), latencies, window, cpu, fsyncs);
    }

    private async Task Worker(Phase phase, int slot)
    {
        await Task.Yield();
        var latencies = phase.Latencies[slot];
        var ids = _ids[slot];
        var client = _grpc.Client(slot % Math.Min(_grpc.Count, phase.Workers));
        while (!phase.Stopping)
        {
            var position = (ulong)Interlocked.Increment(ref _cursor);
            var user = _order[(int)(position % (ulong)_users)];
            var headers = _idempotencyKeys
                ? new Metadata { _authorization[user], new Metadata.Entry("idempotency-key", Guid.NewGuid().ToString("N")) }
                : _headers[user];
            long ended;
            bool ok;
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var call = client.ProcessCashoutAsync(_cashoutRequest, headers, cancellationToken: phase.Abort.Token);
                var reply = await call.ResponseAsync;
                ended = Stopwatch.GetTimestamp();
                ok = Accept(reply, user, ids);
            }
            catch (RpcException ex)
            {
                ended = Stopwatch.GetTimestamp();
                RecordError("ProcessCashout " + CallErrors.Kind(ex), CallErrors.Sample(ex));
                ok = false;
            }

            if (ended >= Volatile.Read(ref phase.WindowStart) && ended <= Volatile.Read(ref phase.WindowEnd))
            {
                if (ok)
                {
                    latencies.Add(ended - started);
                }
                else
                {
                    phase.WindowErrors[slot]++;
                }
            }
        }
    }

    /// <summary>An OK reply must be the legacy success: a new positive id, the amount, the type, "pending".</summary>
    private bool Accept(ProcessCashoutResponse reply, int user, List<long> ids)
    {
        Interlocked.Increment(ref _okPerUser[user]);
        ids.Add(reply.CashoutId);
        if (reply.CashoutId <= 0 || reply.Amount != _amount || reply.Type != CashoutType || reply.Status != "pending" || reply.Message != "Cashout processed successfully")
        {
            RecordError("ProcessCashout OK with a bad reply", reply.ToString());
            return false;
        }

        return true;
    }

    private void RecordError(string kind, string? message)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _errorSamples.TryAdd(kind, message ?? "");
    }

    private void PrintErrors()
    {
        foreach (var (kind, count) in _errors.OrderByDescending(e => e.Value))
        {
            Console.WriteLine(Format.Inv($"ERROR: {count} x {kind}: {_errorSamples.GetValueOrDefault(kind)}"));
        }
    }

    private void SaveState(string path) => new RunState
    {
        UserPrefix = _prefix,
        Currency = "USD",
        Amount = _amount,
        Credited = _credited,
        OkCashouts = _okPerUser,
        OkTotal = _okPerUser.Sum(n => (long)n),
        Errors = new Dictionary<string, long>(_errors),
    }.Save(path, _ids.SelectMany(l => l));

    /// <summary>Issue 3's target per config, and a warning when something else used either core or the generator neared its own.</summary>
    private static IEnumerable<string> TargetLines(List<(int InFlight, PhaseResult Result)> results)
    {
        foreach (var (inFlight, r) in results)
        {
            var rate = r.Ok / r.WindowSeconds;
            var p99 = Stats.Ms(Stats.Percentile(r.Latencies, 0.99));
            var met = rate >= 10_000 && p99 <= 20;
            yield return Format.Inv($"target >= 10,000 cashouts/s at p99 <= 20 ms, {inFlight,2} in flight: {(met ? "met" : "not met")} ({rate:F0}/s, p99 {p99:F2} ms)");
        }

        foreach (var (inFlight, r) in results.Where(x => x.Result.Cpu.OtherServerCore > 0.10 || x.Result.Cpu.OtherClientCore > 0.10))
        {
            yield return Format.Inv(
                $"WARNING: machine not quiet at {inFlight} in flight: {r.Cpu.OtherServerCore * 100:F0}% of the server's core and {r.Cpu.OtherClientCore * 100:F0}% of the generator's went to something else");
        }

        // Near a full core the generator, not the server, may set the pace: the figure is then a floor.
        foreach (var (inFlight, r) in results.Where(x => x.Result.Cpu.ClientShare > 0.80))
        {
            yield return Format.Inv(
                $"WARNING: the generator used {r.Cpu.ClientShare * 100:F0}% of its core at {inFlight} in flight: it may be the limit, not the server");
        }
    }

    private static async Task SleepUntil(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }
}

/// <summary>One line of the results table.</summary>
internal static class Row
{
    public const string Header =
        "in-flight  cashouts/s   p50 ms   p99 ms   max ms  srv µs/op   pg µs/op  srv cpu   pg cpu  gen cpu  other0/1  fsync/s  ops/fsync        ok  errors";

    public static string Format(int inFlight, LoadRun.PhaseResult r)
    {
        var rate = r.Ok / r.WindowSeconds;
        var fsync = r.Fsyncs is { } f ? CashoutLoad.Format.Inv($"{f / r.WindowSeconds,8:F0} {(f > 0 ? r.Ok / (double)f : 0),10:F1}") : CashoutLoad.Format.Inv($"{"-",8} {"-",10}");
        return CashoutLoad.Format.Inv(
            $"{inFlight,9} {rate,11:F0} {Stats.Ms(Stats.Percentile(r.Latencies, 0.50)),8:F3} {Stats.Ms(Stats.Percentile(r.Latencies, 0.99)),8:F3} {Stats.Ms(r.Latencies.Length > 0 ? r.Latencies[^1] : 0),8:F3} {r.Cpu.ServerMicroseconds(r.Ok),10:F1} {Postgres(r.Cpu, r.Ok)} {r.Cpu.ServerShare * 100,7:F0}% {PostgresShare(r.Cpu)} {r.Cpu.ClientShare * 100,7:F0}% {Other(r.Cpu),9} {fsync} {r.Ok,9} {r.Errors,7}");
    }

    // "-" where there is no PostgreSQL: the SQLite service's work is all in its own process.
    private static string Postgres(CpuDelta cpu, long ok) =>
        cpu.PostgresTicks > 0 ? CashoutLoad.Format.Inv($"{cpu.PostgresMicroseconds(ok),10:F1}") : CashoutLoad.Format.Inv($"{"-",10}");

    private static string PostgresShare(CpuDelta cpu) =>
        cpu.PostgresTicks > 0 ? CashoutLoad.Format.Inv($"{cpu.PostgresShare * 100,7:F0}%") : CashoutLoad.Format.Inv($"{"-",8}");

    private static string Other(CpuDelta cpu) => CashoutLoad.Format.Inv($"{cpu.OtherServerCore * 100:F0}%/{cpu.OtherClientCore * 100:F0}%");
}
