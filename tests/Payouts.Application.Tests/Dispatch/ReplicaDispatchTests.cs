using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Dispatch;

/// <summary>
/// Dispatchers that poll one database at once, with one provider that counts what it is sent. On PostgreSQL they are
/// two replicas (two compositions on one database); on SQLite, whose one process owns the file, two pollers of one
/// composition. A payout is submitted by one step at a time, and a step's claim is taken over only when its lease ends.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class ReplicaDispatchTests
{
    private const long Amount = 1_000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly ScriptedProvider _provider = new();

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task Two_dispatchers_polling_the_same_due_payouts_submit_each_once(string provider)
    {
        await using var replicas = await ReplicasAsync(provider);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await replicas.A.SendAsync(Commands.Cashout("alice", Amount))).Value.CashoutId);
        }

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Task.Run(replicas.A.PumpDispatchAsync), Task.Run(replicas.B.PumpDispatchAsync));
        }

        _provider.SubmitCalls.Should().Be(ids.Count, "each payout is submitted exactly once");
        _provider.Received.Keys.Should().BeEquivalentTo(ids);
        ids.Should().OnlyContain(id => replicas.A.Stored.Payout(id).Status == PayoutStatus.InitiationProcessing);
        replicas.A.Stored.Outbox().Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_payout_whose_replica_died_mid_submission_is_taken_over_only_after_the_lease(string provider)
    {
        await using var replicas = await ReplicasAsync(provider);
        _provider.NextSubmitCrashes();
        var id = (await replicas.A.SendAsync(Commands.Cashout("alice", Amount))).Value.CashoutId;
        await FluentActions.Awaiting(replicas.A.PumpDispatchAsync).Should().ThrowAsync<InvalidOperationException>();

        (await replicas.B.Service<PayoutDispatcher>().RequestCheckAsync(id, CancellationToken.None)).Should().BeTrue();
        (await replicas.B.PumpDispatchAsync()).Should().Be(0, "a notification does not hand over a payout under its lease");
        replicas.B.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await replicas.B.PumpDispatchAsync()).Should().Be(0, "the lease has not run out");
        replicas.B.Clock.Advance(TimeSpan.FromSeconds(1));
        (await replicas.B.PumpDispatchAsync()).Should().Be(1);

        _provider.SubmitCalls.Should().Be(1, "the provider had the first submission, so it was adopted, not sent again");
        replicas.B.Stored.Payout(id).Status.Should().Be(PayoutStatus.InitiationProcessing);
        (await replicas.B.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Reserved.Should().Be(Amount);
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_step_that_outlived_its_lease_does_not_overwrite_the_step_that_took_over(string provider)
    {
        await using var replicas = await ReplicasAsync(provider);
        var firstAnswer = new TaskCompletionSource<SubmitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.NextSubmitWaitsFor(firstAnswer.Task);
        var id = (await replicas.A.SendAsync(Commands.Cashout("alice", Amount))).Value.CashoutId;
        var slowStep = Task.Run(replicas.A.PumpDispatchAsync);
        await SubmittedAsync(1);

        // A's call is still out when its lease ends: B asks the provider, which never got it, and sends it again.
        replicas.B.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        (await replicas.B.PumpDispatchAsync()).Should().Be(1);
        replicas.B.Stored.Payout(id).Status.Should().Be(PayoutStatus.InitiationProcessing);

        // The provider answers A's first attempt with a refusal, but it is paying B's: releasing the money now would pay it twice.
        firstAnswer.SetResult(new SubmitOutcome.Refused("duplicate", "already received"));
        await slowStep.WaitAsync(TimeSpan.FromSeconds(30));

        _provider.SubmitCalls.Should().Be(2);
        replicas.A.Stored.Payout(id).Status.Should().Be(PayoutStatus.InitiationProcessing, "the late step's outcome is not recorded");
        (await replicas.A.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Reserved.Should().Be(Amount);
        replicas.A.Stored.DispatchStage(id).Should().Be(DispatchStage.Track);
    }

    private async Task SubmittedAsync(int calls)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_provider.SubmitCalls < calls)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the step reaches the provider");
            await Task.Delay(10);
        }
    }

    private async Task<Replicas> ReplicasAsync(string provider)
    {
        var database = new ProviderDatabase(provider);
        var a = new UseCaseHarness(configure: Provider, database: database);
        var b = provider == DatabaseOptions.PostgreSql ? new UseCaseHarness(configure: Provider, database: database) : a;
        await a.FundAndLinkAsync("alice", 100_000);
        return new Replicas(database, a, b);
    }

    private void Provider(IServiceCollection services) => services.AddSingleton<IPayoutProvider>(_provider);

    private sealed record Replicas(ProviderDatabase Database, UseCaseHarness A, UseCaseHarness B) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            if (!ReferenceEquals(A, B))
            {
                await B.DisposeAsync();
            }

            await Database.DisposeAsync();
        }
    }
}
