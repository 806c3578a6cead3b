using Payouts.Application.Tests.Infrastructure;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Idempotency;

/// <summary>Keys are kept for the retention window (30 days by default), then forgotten.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        await _app.FundAndLinkAsync("alice", 10_000);
    }

    [Fact]
    public async Task A_key_younger_than_the_window_still_replays()
    {
        var first = await _app.SendAsync(Cashout("alice", 1_000, key: "month"));
        _app.Clock.Advance(TimeSpan.FromDays(29));

        _app.SweepIdempotencyKeys().Should().Be(0);
        var retry = await _app.SendAsync(Cashout("alice", 1_000, key: "month"));

        retry.Value.CashoutId.Should().Be(first.Value.CashoutId);
    }

    [Fact]
    public async Task A_key_older_than_the_window_is_forgotten()
    {
        await _app.SendAsync(Cashout("alice", 1_000, key: "old"));
        await _app.SendAsync(Cashout("alice", 1_000, key: "older"));
        _app.Clock.Advance(TimeSpan.FromDays(31));

        _app.SweepIdempotencyKeys().Should().Be(2);
        (await _app.IdempotencyRecordAsync("alice", "old")).Should().BeNull();
        (await _app.IdempotencyRecordAsync("alice", "older")).Should().BeNull();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
