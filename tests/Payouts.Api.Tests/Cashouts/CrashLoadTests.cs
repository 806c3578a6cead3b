using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using Payouts.Providers.Tests.Durable;
using Xunit.Abstractions;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// The service as a real process, dispatching to the sandboxes in a process of their own (the provider outlives
/// the service), is SIGKILLed at random moments of a mixed load of cashouts (with and without idempotency keys,
/// replays, every sandbox ending), restarted each time, then left to settle. Then what callers were told, what the
/// service holds and what the provider paid must agree: nothing acknowledged lost, everything final, nothing paid
/// twice, every cent accounted for. Seeded: PAYOUTS_CRASH_SEED replays a failing run (the concurrency of the load
/// is not, so a seed reproduces the schedule, not every interleaving); PAYOUTS_CRASH_KILLS runs it longer.
/// </summary>
public sealed class CrashLoadTests(ITestOutputHelper output)
{
    private const int Users = 6;
    private const int Workers = 4;
    private const long Funds = 10_000_000;
    private static readonly string[] Final = ["completed", "failed", "returned", "cancelled"];

    private readonly ConcurrentDictionary<string, Answer> _answers = new();
    private readonly ConcurrentBag<(string User, long Id, long Amount)> _acknowledged = [];
    private readonly ConcurrentBag<string> _unexpected = [];
    private readonly ConcurrentDictionary<Grpc.Core.StatusCode, int> _statuses = new();
    private readonly List<GrpcCall> _replacedChannels = [];
    private volatile GrpcCall? _grpc;

    private sealed record Answer(string User, long Amount, long Id);

    [Fact]
    public async Task Kill_9_during_a_mixed_load_loses_nothing_pays_nothing_twice_and_every_cent_adds_up()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PAYOUTS_CRASH_SEED"), out var s) ? s : Random.Shared.Next();
        var kills = int.TryParse(Environment.GetEnvironmentVariable("PAYOUTS_CRASH_KILLS"), out var k) ? k : 3;
        output.WriteLine($"PAYOUTS_CRASH_SEED={seed} PAYOUTS_CRASH_KILLS={kills}");
        try
        {
            await RunAsync(new Random(seed), seed, kills);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Crash test failed; replay with PAYOUTS_CRASH_SEED={seed} PAYOUTS_CRASH_KILLS={kills}: {ex.Message}", ex);
        }
    }

    private async Task RunAsync(Random random, int seed, int kills)
    {
        var database = TestDatabase.NewPath();
        var sandboxPort = FreePorts.Next();
        await using var sandbox = await SandboxProcess.StartAsync(sandboxPort,
            $"StatePath={database}.sandboxes.db", "StepDelay=00:00:00.100",
            // Nobody listens there: the service learns every outcome by polling, as it must when notifications are lost.
            $"NotificationBaseUrl=http://127.0.0.1:{FreePorts.Next()}/notifications/");
        var settings = SandboxedService.Settings(sandbox.BaseUrl);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var service = await StartAsync(database, settings);
        output.WriteLine($"started at {clock.Elapsed}");
        try
        {
            await PrepareUsersAsync();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Workers).Select(w => LoadAsync(new Random(seed + 1 + w), w, stop.Token)).ToList();
            for (var kill = 0; kill < kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 3_000)));
                service.Kill();
                output.WriteLine($"kill {kill + 1} at {clock.Elapsed}, after {_acknowledged.Count} acknowledged; answers {string.Join(", ", _statuses)}");
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 300)));
                service.Dispose();
                service = await StartAsync(database, settings);
                output.WriteLine($"restarted at {clock.Elapsed}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 1_500)));
            await stop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60));

            output.WriteLine($"load stopped at {clock.Elapsed}");
            var cashouts = await SettledAsync();
            output.WriteLine($"settled at {clock.Elapsed}");
            await AssertConsistentAsync(cashouts, sandbox.BaseUrl);
        }
        finally
        {
            service.Dispose();
            _grpc?.Dispose();
            _replacedChannels.ForEach(channel => channel.Dispose());
        }

        SqliteConnection.ClearAllPools();
        IntegrityCheck(database).Should().Be("ok", "the killed service's file is sound");
    }

    private async Task<ServiceProcess> StartAsync(string database, string[] settings)
    {
        var service = await ServiceProcess.StartAsync(database, settings);
        // The previous channel stays open until the end: a worker may have read it just before the swap, and a call on a
        // disposed channel throws instead of answering UNAVAILABLE as a call to the killed service does.
        if (_grpc is { } previous)
        {
            _replacedChannels.Add(previous);
        }

        _grpc = new GrpcCall(service.Port);
        return service;
    }

    private async Task PrepareUsersAsync()
    {
        for (var i = 0; i < Users; i++)
        {
            await SandboxedService.FundAndLinkAsync(_grpc!, UserId(i), Funds, "Crash", $"User{i}", "crash-funds");
        }
    }

    /// <summary>Cashouts until stopped: a third without a key, the rest with a key, a quarter of those a replay of an earlier key.</summary>
    private async Task LoadAsync(Random random, int worker, CancellationToken stop)
    {
        var keys = new List<(string Key, string User, long Amount)>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (key, user, amount) = random.Next(4) == 0 && keys.Count > 0
                ? keys[random.Next(keys.Count)]
                : ($"w{worker}-{i}", UserId(random.Next(Users)), random.Next(10, 100) * 100L + Ending(random));
            if (random.Next(3) == 0)
            {
                key = null;
            }
            else if (key == $"w{worker}-{i}")
            {
                keys.Add((key, user, amount));
            }

            var result = await _grpc!.UnaryAsync<ProcessCashoutResponse>(CashoutHost.ProcessCashout,
                new ProcessCashoutRequest { Type = "tipalti", Amount = amount }, TestTokens.For(user), key, DateTime.UtcNow.AddSeconds(10));
            _statuses.AddOrUpdate((Grpc.Core.StatusCode)result.Status, 1, (_, n) => n + 1);
            if (result.Status == 0)
            {
                Acknowledge(key, user, amount, result.Response!.CashoutId);
            }
            else if (result.Status is (int)Grpc.Core.StatusCode.Unavailable or (int)Grpc.Core.StatusCode.DeadlineExceeded
                     or (int)Grpc.Core.StatusCode.Aborted or (int)Grpc.Core.StatusCode.Cancelled)
            {
                await Task.Delay(50, CancellationToken.None); // the service is down or restarting: its outcome is unknown to us
            }
            else
            {
                _unexpected.Add($"{(Grpc.Core.StatusCode)result.Status}: {result.Message} (user {user}, amount {amount}, key {key})");
            }
        }
    }

    private void Acknowledge(string? key, string user, long amount, long id)
    {
        _acknowledged.Add((user, id, amount));
        if (key is not null)
        {
            var first = _answers.GetOrAdd(key, new Answer(user, amount, id));
            if (first.Id != id)
            {
                _unexpected.Add($"key {key} answered cashout {first.Id}, then {id}");
            }
        }
    }

    /// <summary>The ending decides the sandbox's outcome: ..13 rejected, ..66 failed, ..77 paid then returned, else paid.</summary>
    private static long Ending(Random random) => random.Next(4) switch
    {
        0 => 13,
        1 => 66,
        2 => 77,
        _ => random.Next(0, 13),
    };

    /// <summary>Every user's cashouts, once none is in flight any more (or the deadline passed: the assertions say which).</summary>
    private async Task<Dictionary<string, List<Cashout>>> SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var all = new Dictionary<string, List<Cashout>>();
            for (var i = 0; i < Users; i++)
            {
                all[UserId(i)] = await CashoutHost.ListAllAsync(_grpc!, UserId(i));
            }

            if (all.Values.SelectMany(c => c).All(c => Final.Contains(c.Status) && !(c.Amount % 100 == 77 && c.Status == "completed"))
                || DateTime.UtcNow > deadline)
            {
                return all;
            }

            await Task.Delay(250);
        }
    }

    private async Task AssertConsistentAsync(Dictionary<string, List<Cashout>> cashouts, Uri sandbox)
    {
        _unexpected.Should().BeEmpty("every answer is a success, a refusal for a reason, or the service being down");
        var record = (await SandboxRecordClient.AllAsync(sandbox)).Where(r => r.Provider == "tipalti").ToDictionary(r => long.Parse(r.Reference));
        var stored = cashouts.SelectMany(u => u.Value.Select(c => (User: u.Key, Cashout: c))).ToDictionary(c => c.Cashout.Id);
        output.WriteLine($"{_acknowledged.Count} acknowledged, {stored.Count} stored, {record.Count} at the provider");

        foreach (var (user, id, amount) in _acknowledged)
        {
            stored.Should().ContainKey(id, "an acknowledged cashout survives every kill");
            stored[id].User.Should().Be(user);
            stored[id].Cashout.Amount.Should().Be(amount);
        }

        foreach (var (_, cashout) in stored.Values)
        {
            cashout.Status.Should().Be(SandboxedService.Expected(cashout.Amount), $"cashout {cashout.Id} of {cashout.Amount} ends as its sandbox ending says");
            record.Should().ContainKey(cashout.Id, $"cashout {cashout.Id} was submitted");
            var paid = record[cashout.Id];
            paid.Payments.Should().Be(cashout.Status == "failed" ? 0 : 1, $"cashout {cashout.Id} is paid at most once, and once if it completed");
            paid.Returns.Should().Be(cashout.Status == "returned" ? 1 : 0);
        }

        record.Keys.Should().BeSubsetOf(stored.Keys, "the provider paid nothing the service does not know");
        for (var i = 0; i < Users; i++)
        {
            var balance = await _grpc!.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For(UserId(i)));
            balance.Status.Should().Be(0, balance.Message);
            var paidOut = cashouts[UserId(i)].Where(c => c.Status == "completed").Sum(c => c.Amount);
            balance.Response!.Reserved.Should().Be(0, "nothing is in flight any more");
            (balance.Response.Available + paidOut).Should().Be(Funds, $"{UserId(i)}'s credit is available or paid out; failed and returned money came back");
        }
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static string UserId(int i) => $"crash-load-{i}";
}
