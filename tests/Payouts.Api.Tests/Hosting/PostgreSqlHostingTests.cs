using Payouts.Api.Tests.Cashouts;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// The service on PostgreSQL: any number of replicas start on one database (no file to own), and a replica's start
/// takes nothing back from the others: a payout under its lease may be a live replica's step.
/// </summary>
public sealed class PostgreSqlHostingTests
{
    private const long LeasedPayout = 424_242;

    [Fact]
    public async Task A_second_replica_starts_beside_the_first_and_leaves_its_leased_payouts_alone()
    {
        using var database = new TestPostgreSql();
        await using var first = await TestHosts.StartPayoutsAsync(database.Settings);
        var leaseEnd = await LeaseAsync(database, LeasedPayout);

        await using var second = await TestHosts.StartPayoutsAsync(database.Settings);

        (await NextAttemptAsync(database, LeasedPayout)).Should().Be(leaseEnd, "on SQLite a start takes a dead process's leases back; here they may be a live replica's");
        using var one = new GrpcCall(first.Port);
        using var other = new GrpcCall(second.Port);
        var credit = await one.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { UserId = "alice", Amount = 1_234, Currency = "USD", Reference = "replicas" }, TestTokens.For("svc-earnings", Api.Services.CashoutGrpcService.BalancesWriteScope));
        credit.Status.Should().Be(0, credit.Message);
        var balance = await other.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest { Currency = "USD" }, TestTokens.For("alice"));
        balance.Response!.Available.Should().Be(1_234, "the replicas share one database");
    }

    /// <summary>A dispatch claimed the way PayoutDispatcher.Claim does, under the default two-minute lease.</summary>
    private static async Task<long> LeaseAsync(TestPostgreSql database, long payoutId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var leaseEnd = now + (long)TimeSpan.FromMinutes(2).TotalMilliseconds;
        await database.QueryAsync(
            $"""INSERT INTO "PayoutDispatches" ("PayoutId", "Stage", "Attempts", "NextAttemptAtMs", "UpdatedAtMs") VALUES ({payoutId}, 'Submitting', 0, {leaseEnd}, {now})""",
            _ => 0);
        return leaseEnd;
    }

    private static Task<long> NextAttemptAsync(TestPostgreSql database, long payoutId) =>
        database.QueryAsync($"""SELECT "NextAttemptAtMs" FROM "PayoutDispatches" WHERE "PayoutId" = {payoutId}""", r => r.Read() ? r.GetInt64(0) : 0);
}
