using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Ledger;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Cashouts;

/// <summary>Many cashouts race on one balance: never an overdraft, never a lost or doubled cent.</summary>
public sealed class ConcurrentCashoutTests : IAsyncLifetime
{
    private const int Racers = 250;
    private const long Each = 100;
    private const long Funds = 10_000; // enough for exactly 100 of them
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        await _app.SendAsync(Credit("alice", Funds));
        await _app.LinkAsync("alice", "paypal");
    }

    [Fact]
    public async Task Concurrent_cashouts_never_overdraw_and_the_ledger_balances()
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await _app.SendAsync(Cashout("alice", Each, key: $"race-{i}"));
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(racers).WaitAsync(TimeSpan.FromSeconds(60));

        results.Count(r => r.IsSuccess).Should().Be((int)(Funds / Each));
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Error.Message == "Insufficient balance");
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(0, Funds, "USD"));
        _app.Stored.Payouts().Should().HaveCount((int)(Funds / Each));
        await LedgerMatchesAccountAsync();
    }

    private async Task LedgerMatchesAccountAsync()
    {
        var entries = _app.Stored.LedgerEntries("alice");
        var credits = entries.Where(e => e.Kind == EntryKind.Credit).Sum(e => e.Amount);
        var reserves = entries.Where(e => e.Kind == EntryKind.Reserve).Sum(e => e.Amount);
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(credits - reserves, reserves, "USD"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
