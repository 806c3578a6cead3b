using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// The service is killed (SIGKILL) while cashouts pour in, then restarted on the same file: as the restarted service
/// answers its users, every acknowledged cashout is still there, and each user's money adds up to the cent. This
/// proves that units are atomic and acknowledged only after their commit; surviving power loss is what
/// synchronous=FULL's fsync adds, which a process kill cannot show (the OS keeps its page cache).
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Users = 20;
    private const long Funds = 100_000;
    private const long Each = 100;

    [Fact]
    public async Task Acknowledged_cashouts_survive_a_kill_and_every_balance_adds_up()
    {
        var database = TestDatabase.NewPath();
        await PrepareUsersAsync(database);
        var acknowledged = new ConcurrentBag<(string User, long Id)>();
        using (var service = await ServiceProcess.StartAsync(database))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 32).Select(worker => CashOutUntilKilledAsync(service, worker, acknowledged, stop.Token)).ToList();
            while (acknowledged.Count < 300)
            {
                await Task.Delay(20);
            }

            service.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Started again, recovery (WAL replay) and migration run on the crashed file; what it answers is what survived.
        using var restarted = await ServiceProcess.StartAsync(database);
        using var grpc = new GrpcCall(restarted.Port);
        var stored = new HashSet<long>();
        foreach (var user in Enumerable.Range(0, Users).Select(UserId))
        {
            var balance = await grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For(user));
            balance.Status.Should().Be(0, balance.Message);
            var cashouts = await CashoutHost.ListAllAsync(grpc, user);
            stored.UnionWith(cashouts.Select(c => c.Id));
            (balance.Response!.Available + balance.Response.Reserved).Should().Be(Funds, $"{user}'s money is neither lost nor doubled");
            balance.Response.Reserved.Should().Be(cashouts.Sum(c => c.Amount), $"{user}'s reservations are exactly their cashouts");
        }

        stored.Should().Contain(acknowledged.Select(a => a.Id), "a cashout acknowledged to its caller was on disk");
    }

    private static async Task CashOutUntilKilledAsync(ServiceProcess service, int worker, ConcurrentBag<(string, long)> acknowledged, CancellationToken stop)
    {
        using var grpc = new GrpcCall(service.Port);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var user = UserId((worker + i) % Users);
            var result = await grpc.UnaryAsync<ProcessCashoutResponse>(CashoutHost.ProcessCashout,
                new ProcessCashoutRequest { Type = "paypal", Amount = Each }, TestTokens.For(user), $"{worker}-{i}");
            if (result.Status == 0)
            {
                acknowledged.Add((user, result.Response!.CashoutId));
            }
            else if (result.Status == (int)Grpc.Core.StatusCode.Unavailable)
            {
                return; // the service is gone
            }
        }
    }

    /// <summary>Funded and linked by the service itself, in process, before the process under test opens the file.</summary>
    private static async Task PrepareUsersAsync(string database)
    {
        await using (var host = await CashoutHost.StartOnAsync(database))
        {
            for (var i = 0; i < Users; i++)
            {
                await host.FundAsync(UserId(i), Funds, "funds");
                await host.LinkAsync(UserId(i), "paypal");
            }
        }

        // Nothing of this process keeps the file open while the other one is killed and restarted on it.
        SqliteConnection.ClearAllPools();
    }

    private static string UserId(int i) => $"crash-user-{i}";
}
