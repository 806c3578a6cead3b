using Microsoft.Extensions.DependencyInjection;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// On PostgreSQL only units that name their owner share a transaction, and they run in their owners' order
/// (PostgreSqlWriter.FormGroup), so that two groups never wait for each other's rows. Writers are held by units
/// that name no owner while the units under test queue, so that each writer's next transaction takes them together.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class OwnerOrderTests
{
    private static readonly Currency Usd = Currency.From("USD").Value;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Units_run_in_their_owners_order_and_a_unit_that_names_none_runs_in_a_transaction_alone()
    {
        await using var app = PostgreSql(writers: 1, unitsPerCommit: 16);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var gate = new ManualResetEventSlim();
        using var holding = new ManualResetEventSlim();
        var held = Hold(unitOfWork, gate, holding);

        // Ids are drawn with each transaction's first statement, in the order its units run (ADR-010 decision 6).
        var c = DrawId(unitOfWork, "c");
        var a = DrawId(unitOfWork, "a");
        var none = DrawId(unitOfWork, owner: null);
        var b = DrawId(unitOfWork, "b");
        gate.Set();

        (await held.WaitAsync(Patience)).Value.Should().BeTrue();
        var ids = await Task.WhenAll(a, c, none, b).WaitAsync(Patience);
        ids.Select(id => id.Value).Should().BeInAscendingOrder(
            "a and c formed a group in owner order; the unit with no owner ended it and ran next, alone; b queued behind it");
    }

    [Fact]
    public async Task Two_groups_that_came_with_their_owners_in_opposite_orders_wait_for_each_other_instead_of_deadlocking()
    {
        await using var app = PostgreSql(writers: 2, unitsPerCommit: 2);
        await app.FundAndLinkAsync("alice", 1_000);
        await app.FundAndLinkAsync("bob", 1_000);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var releaseFirst = new ManualResetEventSlim();
        using var releaseSecond = new ManualResetEventSlim();
        using var firstHeld = new ManualResetEventSlim();
        using var secondHeld = new ManualResetEventSlim();
        var holds = new[] { Hold(unitOfWork, releaseFirst, firstHeld), Hold(unitOfWork, releaseSecond, secondHeld) };
        firstHeld.Wait(Patience).Should().BeTrue();
        secondHeld.Wait(Patience).Should().BeTrue();

        // Queued bob, alice, alice, bob: as taken, each group would hold one balance and wait for the other's, PostgreSQL
        // would break the deadlock after deadlock_timeout, and the victim's group would run again.
        using var firstGroupRunning = new ManualResetEventSlim();
        using var bobLockedFirst = new ManualResetEventSlim();
        using var aliceLockedSecond = new ManualResetEventSlim();
        var firstGroup = new[]
        {
            LockThen(unitOfWork, "bob", () => { firstGroupRunning.Set(); bobLockedFirst.Set(); aliceLockedSecond.Wait(TimeSpan.FromSeconds(2)); }),
            LockThen(unitOfWork, "alice", firstGroupRunning.Set),
        };
        var secondGroup = new[]
        {
            LockThen(unitOfWork, "alice", () => { aliceLockedSecond.Set(); bobLockedFirst.Wait(TimeSpan.FromSeconds(2)); }),
            LockThen(unitOfWork, "bob", () => { }),
        };
        releaseFirst.Set();
        firstGroupRunning.Wait(Patience).Should().BeTrue();
        releaseSecond.Set();

        await Task.WhenAll(holds).WaitAsync(Patience);
        var runs = await Task.WhenAll(firstGroup.Concat(secondGroup)).WaitAsync(Patience);
        runs.Select(run => run.Value).Should().Equal([1, 1, 1, 1], "no group was a deadlock's victim and ran again");
    }

    private static UseCaseHarness PostgreSql(int writers, int unitsPerCommit) =>
        new(provider: DatabaseOptions.PostgreSql, configure: services => services.Configure<DatabaseOptions>(options =>
        {
            options.PostgreSqlWriters = writers;
            options.PostgreSqlUnitsPerCommit = unitsPerCommit;
        }));

    /// <summary>A unit with no owner, so alone in its transaction, that keeps its writer until <paramref name="release"/>.</summary>
    private static Task<Result<bool>> Hold(IUnitOfWork unitOfWork, ManualResetEventSlim release, ManualResetEventSlim holding) =>
        unitOfWork.ExecuteAsync(_ =>
        {
            holding.Set();
            return Result<bool>.Success(release.Wait(Patience));
        }, CancellationToken.None);

    private static Task<Result<long>> DrawId(IUnitOfWork unitOfWork, string? owner) =>
        unitOfWork.ExecuteAsync(session => Result<long>.Success(session.Payouts.NextId().Value), null, owner, CancellationToken.None);

    /// <summary>A unit of <paramref name="owner"/> that locks their balance, then runs <paramref name="then"/>; it answers how many times it ran.</summary>
    private static Task<Result<int>> LockThen(IUnitOfWork unitOfWork, string owner, Action then)
    {
        var runs = 0;
        return unitOfWork.ExecuteAsync(session =>
        {
            runs++;
            session.Ledger.FindAccount(owner, Usd).Should().NotBeNull();
            then();
            return Result<int>.Success(runs);
        }, null, owner, CancellationToken.None);
    }
}
