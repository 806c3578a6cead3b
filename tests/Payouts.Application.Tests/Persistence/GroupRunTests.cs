using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// A group of units run without savepoints (WriteSession.RunGroup) until one fails after writing: the transaction is then
/// rolled back and the group runs again unit by unit. One unit holds the writer while the next ones queue, so that they
/// form one group, as under load.
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class GroupRunTests
{
    private static readonly Uri Hook = new("https://merchant.example/hook");
    private static readonly string[] Merchants = ["m-first", "m-refused", "m-thrown"];
    private static readonly Currency Usd = Currency.From("USD").Value;

    /// <summary>
    /// The owner the grouped units name, one for all (sorted after "alice"), so that PostgreSQL groups them and keeps their
    /// order (OwnerOrderTests); SQLite's one writer groups every unit anyway.
    /// </summary>
    private const string Owner = "merchants";

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_unit_that_fails_after_writing_is_undone_alone_and_the_units_around_it_commit_once(string provider)
    {
        await using var app = OneWriterGrouping(provider);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var gate = new ManualResetEventSlim();
        var held = HoldWriter(unitOfWork, gate);

        var firstRuns = 0;
        var first = Grouped(unitOfWork, session => Save(session, "m-first", Result<int>.Success(++firstRuns)));
        var refused = RefuseAfterWriting(unitOfWork, "m-refused");
        var thrown = Grouped<bool>(unitOfWork, session => Save<bool>(session, "m-thrown", () => throw new InvalidOperationException("thrown after writing")));
        var last = Grouped(unitOfWork, session => Result<Uri?>.Success(session.Merchants.FindDefaultWebhookUrl("m-first")));
        gate.Set();

        (await held).Value.Should().BeTrue();
        (await first).Value.Should().Be(2, "it ran in the group without savepoints, and again after the refusal rolled that back");
        (await refused).Error.Code.Should().Be("test.refused");
        await thrown.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("thrown after writing");
        (await last).Value.Should().Be(Hook, "a unit still reads what the units before it in its group wrote");
        var stored = await unitOfWork.ExecuteAsync(
            session => Result<string>.Success(string.Join(',', Merchants.Where(m => session.Merchants.FindDefaultWebhookUrl(m) is not null))),
            CancellationToken.None);
        stored.Value.Should().Be("m-first", "the refused and the throwing unit's writes were undone, and no other's");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_cashout_in_a_group_that_ran_again_is_answered_with_the_payout_that_committed(string provider)
    {
        await using var app = OneWriterGrouping(provider);
        await app.FundAndLinkAsync("alice", 10_000);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var gate = new ManualResetEventSlim();
        var held = HoldWriter(unitOfWork, gate);

        var cashout = app.SendAsync(Cashout("alice", 2_500, key: "k-1"));
        await Task.Delay(300); // lets it reach the writer's queue behind the held unit
        var refused = RefuseAfterWriting(unitOfWork, "m-refused");
        gate.Set();

        await held;
        (await refused).IsSuccess.Should().BeFalse();
        (await unitOfWork.ExecuteAsync(session => Result<Uri?>.Success(session.Merchants.FindDefaultWebhookUrl("m-refused")), CancellationToken.None))
            .Value.Should().BeNull("the refused unit's write was undone");
        var id = (await cashout).Value.CashoutId;
        app.Stored.Payouts().Should().ContainSingle().Which.Id.Value.Should().Be(id, "the id drawn by the first run was rolled back with it");
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(7_500, 2_500, "USD"));
        app.Stored.LedgerEntries("alice").Where(e => e.Kind == EntryKind.Reserve).Should().ContainSingle().Which.Amount.Should().Be(2_500);
        app.Stored.Outbox().Should().ContainSingle();
        (await app.IdempotencyRecordAsync("alice", "k-1"))!.ResponseJson.Should().Contain(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // PostgreSQL sends a write a unit reads nothing of with its next statement, or at the unit's end (WriterRoundTrips):
    // the three cases below hold on both databases, whenever the write actually runs.

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_write_that_changes_no_row_fails_its_unit_even_when_nothing_follows_it(string provider)
    {
        await using var app = new UseCaseHarness(provider: provider);
        await app.FundAndLinkAsync("alice", 10_000);
        var unitOfWork = app.Service<IUnitOfWork>();

        var stale = unitOfWork.ExecuteAsync(session =>
        {
            var account = session.Ledger.FindAccount("alice", Usd)!;
            account.Reserve(2_500, "r-stale", DateTimeOffset.UnixEpoch);
            session.Ledger.UpdateAccount(account, expectedVersion: account.Version + 7);
            return Result<bool>.Success(true);
        }, CancellationToken.None);

        await stale.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("Balance account * was not written: 0 rows changed*");
        (await app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Should().Be(new BalanceView(10_000, 0, "USD"));
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_write_the_database_refuses_fails_its_own_unit_when_it_runs_with_the_next_units_statement(string provider)
    {
        await using var app = OneWriterGrouping(provider);
        await app.FundAndLinkAsync("alice", 10_000);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var gate = new ManualResetEventSlim();
        var held = HoldWriter(unitOfWork, gate);

        var first = Grouped(unitOfWork, session => Save(session, "m-first", Result<bool>.Success(true)));
        var twice = Grouped(unitOfWork, session =>
        {
            var account = session.Ledger.FindAccount("alice", Usd)!;
            var entry = new LedgerEntry(Guid.NewGuid(), account.Id, EntryKind.Credit, 1, "r-twice", DateTimeOffset.UnixEpoch);
            session.Ledger.AddEntry(entry);
            session.Ledger.AddEntry(entry);
            return Result<bool>.Success(true);
        });
        var next = Grouped(unitOfWork, session => Result<Uri?>.Success(session.Merchants.FindDefaultWebhookUrl("m-first")));
        gate.Set();

        await held;
        (await first).IsSuccess.Should().BeTrue();
        (await twice.Invoking(t => t).Should().ThrowAsync<DbException>()).Which.Should().Match<DbException>(e => StorageFailure.Is(e));
        (await next).Value.Should().Be(Hook, "the unit after it, with whose statement the refused write went, ran again and succeeded");
        app.Stored.LedgerEntries("alice").Should().NotContain(e => e.Reference == "r-twice");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task A_unit_reads_the_writes_it_made_before(string provider)
    {
        await using var app = new UseCaseHarness(provider: provider);
        await app.FundAndLinkAsync("alice", 10_000);
        var unitOfWork = app.Service<IUnitOfWork>();

        var readBack = await unitOfWork.ExecuteAsync(session =>
        {
            var account = session.Ledger.FindAccount("alice", Usd)!;
            var version = account.Version;
            var entry = account.Reserve(2_500, "r-own", DateTimeOffset.UnixEpoch).Value;
            session.Ledger.UpdateAccount(account, version);
            session.Ledger.AddEntry(entry);
            var stored = session.Ledger.FindAccount("alice", Usd)!;
            return Result<(long, long, bool)>.Success((stored.Available, stored.Reserved, session.Ledger.FindEntry(account.Id, EntryKind.Reserve, "r-own") is not null));
        }, CancellationToken.None);

        readBack.Value.Should().Be((7_500L, 2_500L, true));
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task The_units_of_a_group_draw_payout_ids_in_their_order(string provider)
    {
        await using var app = OneWriterGrouping(provider);
        var unitOfWork = app.Service<IUnitOfWork>();
        using var gate = new ManualResetEventSlim();
        var held = HoldWriter(unitOfWork, gate);

        // Each draws its id before any statement of its own: on PostgreSQL the first one's draw carries the group's start.
        var draws = Enumerable.Range(0, 4)
            .Select(_ => Grouped(unitOfWork, session => Result<long>.Success(session.Payouts.NextId().Value)))
            .ToArray();
        gate.Set();

        await held;
        var ids = (await Task.WhenAll(draws)).Select(drawn => drawn.Value).ToArray();
        ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("ids follow the order the units ran in, within a group too");
    }

    /// <summary>On PostgreSQL one writer taking up to 16 units per transaction; SQLite's one writer groups anyway.</summary>
    private static UseCaseHarness OneWriterGrouping(string provider) => new(provider: provider, configure: services => services.Configure<DatabaseOptions>(options =>
    {
        options.PostgreSqlWriters = 1;
        options.PostgreSqlUnitsPerCommit = 16;
    }));

    /// <summary>A unit that keeps the writer until <paramref name="gate"/> opens, while the next units queue behind it.</summary>
    private static Task<Result<bool>> HoldWriter(IUnitOfWork unitOfWork, ManualResetEventSlim gate) =>
        unitOfWork.ExecuteAsync(_ => Result<bool>.Success(gate.Wait(TimeSpan.FromSeconds(30))), CancellationToken.None);

    private static Task<Result<bool>> RefuseAfterWriting(IUnitOfWork unitOfWork, string merchantId) =>
        Grouped(unitOfWork, session => Save(session, merchantId, Result<bool>.Failure(Error.Precondition("test.refused", "Refused after writing"))));

    /// <summary>A unit naming <see cref="Owner"/>, so that it joins the group the held writer forms next.</summary>
    private static Task<Result<T>> Grouped<T>(IUnitOfWork unitOfWork, Func<IWriteSession, Result<T>> work) =>
        unitOfWork.ExecuteAsync(work, null, Owner, CancellationToken.None);

    private static Result<T> Save<T>(IWriteSession session, string merchantId, Result<T> outcome) => Save(session, merchantId, () => outcome);

    private static Result<T> Save<T>(IWriteSession session, string merchantId, Func<Result<T>> outcome)
    {
        session.Merchants.SaveDefaultWebhookUrl(merchantId, Hook, DateTimeOffset.UnixEpoch);
        return outcome();
    }
}
