using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using Payouts.Providers.Tests.Durable;
using Xunit.Abstractions;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// Two service processes on one PostgreSQL database, started at once, dispatching to the standalone sandboxes (a process
/// of their own, which outlives a replica): cashouts racing for one balance over both replicas spend exactly what it
/// holds, one idempotency key sent to both at once makes one payout, and a replica SIGKILLed while its submissions are
/// out (the sandbox took them, the replica never heard back) leaves them to the other, which resolves them by asking
/// the sandbox once their leases end. Then every payout is final, paid once at the sandbox and submitted once, and every
/// balance agrees with its ledger and with what was paid.
/// </summary>
public sealed class ReplicaProcessTests(ITestOutputHelper output)
{
    private const long Cashout = 1_000;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    private static readonly string[] Final = ["completed", "failed", "returned", "cancelled"];

    [Fact]
    public async Task Two_replicas_share_one_balance_and_one_key_and_a_killed_one_leaves_its_payouts_to_the_other_paid_once()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var database = new TestPostgreSql();
        await using var sandbox = await SandboxProcess.StartAsync(FreePorts.Next(),
            $"StatePath={TestDatabase.NewPath()}.sandboxes.db", "StepDelay=00:00:00.100",
            // Nobody listens there: outcomes are learnt by polling, so no notification hurries a payout under its lease.
            $"NotificationBaseUrl=http://127.0.0.1:{FreePorts.Next()}/notifications/");
        await using var proxy = new HoldingProxy(sandbox.BaseUrl);
        await proxy.StartAsync();

        // A reaches the sandboxes through the proxy and polls often; B directly, and idles longer, so A takes most new work.
        string[] common = [.. database.Settings, $"--Dispatch:InFlightLease={Lease}"];
        var (a, b) = await StartBothAsync(
            [.. SandboxedService.Settings(proxy.Url), .. common],
            [.. SandboxedService.Settings(sandbox.BaseUrl), .. common, "--Dispatch:IdleDelay=00:00:01"]);
        using var replicaA = a;
        using var replicaB = b;
        using var grpcA = new GrpcCall(a.Port);
        using var grpcB = new GrpcCall(b.Port);
        output.WriteLine($"both replicas serving at {clock.Elapsed}");

        await SandboxedService.FundAndLinkAsync(grpcB, "racer", 10 * Cashout, "Race", "User", "race-funds");
        var raced = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => CashoutAsync(i % 2 == 0 ? grpcA : grpcB, "racer", Cashout)));
        raced.Count(r => r.Status == 0).Should().Be(10, "exactly the affordable number succeed, whichever replica took them");
        raced.Where(r => r.Status != 0).Should().OnlyContain(r => r.Message == "Insufficient balance");

        await SandboxedService.FundAndLinkAsync(grpcB, "keyed", 100 * Cashout, "Key", "User", "key-funds");
        var keyed = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(k => new[] { grpcA, grpcB }.Select(grpc => KeyedAsync(grpc, $"both-{k}"))));
        foreach (var answers in keyed.GroupBy(r => r.Key))
        {
            answers.Where(r => r.Result.Status == 0).Select(r => r.Result.Response!.CashoutId).Distinct().Should().ContainSingle($"key {answers.Key} made one payout");
            answers.Where(r => r.Result.Status != 0).Should().NotContain(
                r => r.Result.Status != (int)Grpc.Core.StatusCode.Aborted || r.Result.Message != "A request with this idempotency key is still being processed. Retry later.",
                "the other answer is the replay or \"still being processed\"");
        }

        // A's next submissions reach the sandbox, but their answers never reach A: it dies with their outcome unknown.
        await SandboxedService.FundAndLinkAsync(grpcB, "survivor", 100 * Cashout, "Kill", "User", "kill-funds");
        proxy.Holding = true;
        var sent = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CashoutAsync(grpcA, "survivor", Cashout + (i % 4 == 0 ? 13 : 0))));
        sent.Should().OnlyContain(r => r.Status == 0);
        await WaitForAsync(() => proxy.Held >= 2, "A has submissions out");
        a.Kill();
        output.WriteLine($"A killed at {clock.Elapsed} with {proxy.Held} answers held back");

        var cashouts = await SettledAsync(grpcB, "racer", "keyed", "survivor");
        output.WriteLine($"settled at {clock.Elapsed}");
        cashouts["racer"].Should().HaveCount(10);
        cashouts["keyed"].Should().HaveCount(10);
        cashouts["survivor"].Should().HaveCount(12);
        await AssertPaidOnceAsync(cashouts, sandbox.BaseUrl);
        await AssertBalancesAsync(grpcB, cashouts, new Dictionary<string, long> { ["racer"] = 10 * Cashout, ["keyed"] = 100 * Cashout, ["survivor"] = 100 * Cashout });
        await AssertLedgerAsync(database);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), "the test stays short");
    }

    /// <summary>Both at once, as a deployment starts its replicas: one migrates under the advisory lock, the other waits for it.</summary>
    private static async Task<(ServiceProcess A, ServiceProcess B)> StartBothAsync(string[] a, string[] b)
    {
        var starting = new[] { ServiceProcess.StartAsync(TestDatabase.NewPath(), a), ServiceProcess.StartAsync(TestDatabase.NewPath(), b) };
        try
        {
            var started = await Task.WhenAll(starting);
            return (started[0], started[1]);
        }
        catch
        {
            foreach (var start in starting.Where(s => s.IsCompletedSuccessfully))
            {
                start.Result.Dispose();
            }

            throw;
        }
    }

    private static Task<UnaryResult<ProcessCashoutResponse>> CashoutAsync(GrpcCall grpc, string user, long amount, string? key = null) =>
        grpc.UnaryAsync<ProcessCashoutResponse>(CashoutHost.ProcessCashout, new ProcessCashoutRequest { Type = "tipalti", Amount = amount }, TestTokens.For(user), key);

    private static async Task<(string Key, UnaryResult<ProcessCashoutResponse> Result)> KeyedAsync(GrpcCall grpc, string key) =>
        (key, await CashoutAsync(grpc, "keyed", Cashout, key));

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, what);
            await Task.Delay(20);
        }
    }

    /// <summary>Every user's cashouts, read from the surviving replica once all are final (or the deadline passed: the assertions say which).</summary>
    private static async Task<Dictionary<string, List<Cashout>>> SettledAsync(GrpcCall grpc, params string[] users)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var all = new Dictionary<string, List<Cashout>>();
            foreach (var user in users)
            {
                all[user] = await CashoutHost.ListAllAsync(grpc, user);
            }

            if (all.Values.SelectMany(c => c).All(c => Final.Contains(c.Status)) || DateTime.UtcNow > deadline)
            {
                return all;
            }

            await Task.Delay(250);
        }
    }

    private static async Task AssertPaidOnceAsync(Dictionary<string, List<Cashout>> cashouts, Uri sandbox)
    {
        var record = (await SandboxRecordClient.AllAsync(sandbox)).Where(r => r.Provider == "tipalti").ToDictionary(r => long.Parse(r.Reference));
        foreach (var cashout in cashouts.Values.SelectMany(c => c))
        {
            cashout.Status.Should().Be(SandboxedService.Expected(cashout.Amount), $"cashout {cashout.Id} of {cashout.Amount} ends as its sandbox ending says");
            record.Should().ContainKey(cashout.Id, $"cashout {cashout.Id} was submitted");
            record[cashout.Id].Submits.Should().Be(1, $"cashout {cashout.Id} was submitted once: an unknown outcome is asked about, never sent again blind");
            record[cashout.Id].Payments.Should().Be(cashout.Status == "completed" ? 1 : 0, $"cashout {cashout.Id} is paid once if it completed");
        }

        record.Keys.Should().BeSubsetOf(cashouts.Values.SelectMany(c => c).Select(c => c.Id), "the sandbox paid nothing the service does not know");
    }

    private static async Task AssertBalancesAsync(GrpcCall grpc, Dictionary<string, List<Cashout>> cashouts, Dictionary<string, long> funds)
    {
        foreach (var (user, credited) in funds)
        {
            var balance = await grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For(user));
            balance.Status.Should().Be(0, balance.Message);
            var paidOut = cashouts[user].Where(c => c.Status == "completed").Sum(c => c.Amount);
            balance.Response!.Reserved.Should().Be(0, "nothing is in flight any more");
            (balance.Response.Available + paidOut).Should().Be(credited, $"{user}'s credit is available or paid out, not a cent lost or made");
        }
    }

    /// <summary>Every account's balance is what its ledger entries add up to.</summary>
    private static async Task AssertLedgerAsync(TestPostgreSql database)
    {
        var disagreeing = await database.QueryAsync(
            """
            SELECT a."OwnerId", a."Available", a."Reserved",
                   COALESCE(SUM(CASE WHEN e."Kind" IN ('Credit', 'Void', 'Reversal') THEN e."Amount" WHEN e."Kind" = 'Reserve' THEN -e."Amount" END), 0),
                   COALESCE(SUM(CASE WHEN e."Kind" = 'Reserve' THEN e."Amount" WHEN e."Kind" IN ('Post', 'Void') THEN -e."Amount" END), 0)
            FROM "BalanceAccounts" a LEFT JOIN "LedgerEntries" e ON e."AccountId" = a."Id"
            GROUP BY a."Id", a."OwnerId", a."Available", a."Reserved"
            """,
            reader =>
            {
                var rows = new List<string>();
                var accounts = 0;
                while (reader.Read())
                {
                    accounts++;
                    if (reader.GetInt64(1) != reader.GetInt64(3) || reader.GetInt64(2) != reader.GetInt64(4))
                    {
                        rows.Add($"{reader.GetString(0)}: available {reader.GetInt64(1)} (ledger {reader.GetInt64(3)}), reserved {reader.GetInt64(2)} (ledger {reader.GetInt64(4)})");
                    }
                }

                return accounts == 0 ? ["no accounts at all"] : rows;
            });
        disagreeing.Should().BeEmpty("every balance is the sum of its ledger");
    }
}
