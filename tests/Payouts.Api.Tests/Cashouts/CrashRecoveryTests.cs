using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// The service is killed (SIGKILL) while cashouts pour in, then restarted on the same file: every
/// acknowledged cashout is still there, and each user's money adds up to the cent. This proves that
/// units are atomic and acknowledged only after their commit; surviving power loss is what
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
        var acknowledged = new ConcurrentBag<(string User, long Id)>();
        using (var service = await ServiceProcess.StartAsync(database))
        {
            await PrepareUsersAsync(service, database);
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

        using (await ServiceProcess.StartAsync(database))
        {
            // Started again: recovery (WAL replay) and migration ran on the crashed file.
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var stored = Query(connection, "SELECT Id FROM Payouts").ToHashSet();
        stored.Should().Contain(acknowledged.Select(a => a.Id), "a cashout acknowledged to its caller was on disk");
        foreach (var user in Enumerable.Range(0, Users).Select(UserId))
        {
            var (available, reserved) = Balance(connection, user);
            var cashedOut = Query(connection, $"SELECT COALESCE(SUM(AmountMinor), 0) FROM Payouts WHERE OwnerId = '{user}'").Single();
            (available + reserved).Should().Be(Funds, $"{user}'s money is neither lost nor doubled");
            reserved.Should().Be(cashedOut, $"{user}'s reservations are exactly their cashouts");
        }
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

    private static async Task PrepareUsersAsync(ServiceProcess service, string database)
    {
        using var grpc = new GrpcCall(service.Port);
        var earnings = TestTokens.For("svc-earnings", "balances:write");
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        for (var i = 0; i < Users; i++)
        {
            var credit = await grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
                new CreditBalanceRequest { UserId = UserId(i), Amount = Funds, Currency = "USD", Reference = "funds" }, earnings);
            credit.Status.Should().Be(0, credit.Message);
            using var link = connection.CreateCommand();
            link.CommandText = $"INSERT INTO CashoutMethods (OwnerId, Provider, Status, CreatedAtMs, UpdatedAtMs) VALUES ('{UserId(i)}', 'paypal', 'Linked', 0, 0)";
            link.ExecuteNonQuery();
        }
    }

    private static string UserId(int i) => $"crash-user-{i}";

    private static (long Available, long Reserved) Balance(SqliteConnection connection, string user)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Available, Reserved FROM BalanceAccounts WHERE OwnerId = '{user}'";
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static List<long> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
