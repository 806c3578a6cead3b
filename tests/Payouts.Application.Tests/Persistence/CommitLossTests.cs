using Npgsql;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;
using Cut = Payouts.Application.Tests.Infrastructure.CommitCutter.Cut;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// A PostgreSQL connection that breaks while its COMMIT runs (ADR-010 decision 9): the caller's answer and what the
/// database holds agree, whether the COMMIT reached the server or not, and when the server cannot be asked, the
/// caller hears that the outcome is unknown, never that nothing was written; and connections that broke while idle
/// cost no caller an error. A proxy breaks the connections (<see cref="CommitCutter"/>); the test reads the database
/// directly.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class CommitLossTests : IAsyncLifetime
{
    private readonly ProviderDatabase _database = new(DatabaseOptions.PostgreSql);
    private CommitCutter _cutter = null!;
    private UseCaseHarness _app = null!;

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(_database.PostgreSqlConnectionString);
        _cutter = new CommitCutter(server.Host!, server.Port);
        _database.ProxyPort = _cutter.Port;
        _app = new UseCaseHarness(database: _database);
        await _app.FundAndLinkAsync("alice", 10_000);
    }

    [Fact]
    public async Task A_commit_whose_answer_is_lost_is_answered_as_the_server_says_it_went()
    {
        var cut = _cutter.Arm(Cut.AnswerOfCommit);

        var result = await _app.SendAsync(Cashout("alice", 1_000));

        cut.IsCompleted.Should().BeTrue("the connection broke in the cashout's COMMIT");
        result.IsSuccess.Should().BeTrue("the cashout committed: no key protects a retry, so 'not written' would have it sent twice");
        (await PayoutIdsAsync()).Should().Equal(result.Value.CashoutId);
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(9_000, 1_000, "USD"));
    }

    [Fact]
    public async Task A_commit_that_never_reached_the_server_is_answered_not_written()
    {
        var cut = _cutter.Arm(Cut.BeforeCommit);

        var result = await _app.SendAsync(Cashout("alice", 1_000));

        cut.IsCompleted.Should().BeTrue("the connection broke in the cashout's COMMIT");
        result.Error.Should().Be(TransientErrors.BalanceNotDeducted);
        (await PayoutIdsAsync()).Should().BeEmpty();
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(10_000, 0, "USD"));
    }

    [Fact]
    public async Task A_commit_the_server_cannot_be_asked_about_is_answered_unknown_and_the_keyed_retry_replays_it()
    {
        var cut = _cutter.Arm(Cut.AnswerOfCommitAndDatabase);

        var result = await _app.SendAsync(Cashout("alice", 1_000, key: "k-cut"));

        cut.IsCompleted.Should().BeTrue("the connection broke in the cashout's COMMIT");
        result.Error.Should().Be(TransientErrors.OutcomeUnknown, "it did commit, which the caller cannot be told while the database is unreachable");
        _cutter.Refusing = false;
        var paid = (await PayoutIdsAsync()).Should().ContainSingle().Subject;
        var retry = await _app.SendAsync(Cashout("alice", 1_000, key: "k-cut"));
        retry.Value.CashoutId.Should().Be(paid, "the key's record committed with the cashout, so the retry replays it");
        (await PayoutIdsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task After_every_connection_broke_while_idle_the_next_cashout_is_written_on_new_ones()
    {
        _cutter.BreakAll();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // Idle long enough that a writer asks before it takes work.

        var result = await _app.SendAsync(Cashout("alice", 1_000));

        result.IsSuccess.Should().BeTrue("the database is back: a connection that broke while nobody used it must cost no caller an error");
        (await PayoutIdsAsync()).Should().Equal(result.Value.CashoutId);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cutter.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The payouts the database holds, read past the proxy.</summary>
    private async Task<List<long>> PayoutIdsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Payouts" ORDER BY "Id" """, connection);
        await using var rows = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await rows.ReadAsync())
        {
            ids.Add(rows.GetInt64(0));
        }

        return ids;
    }
}
