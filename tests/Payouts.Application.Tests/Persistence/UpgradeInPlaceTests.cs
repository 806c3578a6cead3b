using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.CashoutMethods;
using Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Cashouts.Queries.GetCashout;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Payouts.Queries.GetPayout;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Application.Tests.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Amounts;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// A database written by the release before EF Core 10 (Fixtures/README.md: how, and what is on it), opened by
/// this code exactly as the service starts on it: balances, cashouts, payouts, links, tokens and idempotency
/// records read back through the use cases, replay, and move on; the ledger still balances.
/// </summary>
// SQLite only: the fixtures are SQLite files an earlier release wrote; PostgreSQL has no earlier release to upgrade from.
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class UpgradeInPlaceTests : IAsyncLifetime
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures");
    private static readonly string Fixture = Path.Combine(Fixtures, "payouts-e2c4627.db");

    // The fixture's rows (see its README).
    private const long U1Paid = 3979952342761472;
    private const long U1Rejected = 3979952352985088;
    private const long U1Failed = 3979952364060672;
    private const long U2Paid = 3979952376774656;
    private const long U2Returned = 3979952443359232;
    private const long U2InFlight = 3979953461264384;
    private const long AcmePaid = 3979952429006848;
    private const long AcmeAwaiting = 3979952464658432;
    private const long AcmeWebhook = 3979952471146496;
    private const string Acme = "acme";
    private const string AcmeAccount = "merchant:acme";
    private static readonly string[] Owners = ["u1", "u2", "u3", AcmeAccount];

    private readonly ScriptedProvider _tipalti = new(Domain.Payouts.Provider.Tipalti);
    private readonly ScriptedProvider _paypal = new(Domain.Payouts.Provider.PayPal);
    private readonly string _pristineFolder = Path.Combine(Path.GetTempPath(), $"payouts-fixture-{Guid.NewGuid():N}");
    private readonly UseCaseHarness _app;

    public UpgradeInPlaceTests()
    {
        // A second copy nobody opens but the comparison: the fixture itself is never opened, so it never changes.
        Directory.CreateDirectory(_pristineFolder);
        File.Copy(Fixture, Pristine);
        _app = new UseCaseHarness(
            configure: services => services.AddSingleton<IPayoutProvider>(_tipalti).AddSingleton<IPayoutProvider>(_paypal),
            databaseFile: Fixture);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_pristineFolder, recursive: true);
    }

    [Fact]
    public void Start_up_keeps_every_row_of_every_table()
    {
        using var before = Open(Pristine);
        using var after = Open(_app.DatabasePath);

        var tables = Tables(before);
        tables.Should().Contain(["BalanceAccounts", "LedgerEntries", "Payouts", "IdempotencyRecords", "__EFMigrationsHistory"]);
        Tables(after).Should().Contain(tables);
        foreach (var table in tables)
        {
            // Columns a later migration adds are not compared (old rows hold their defaults); the history gains rows.
            var columns = Columns(before, table);
            var expected = Rows(before, table, columns);
            var kept = Rows(after, table, columns);
            if (table == "__EFMigrationsHistory")
            {
                kept = kept.Take(expected.Count).ToList();
            }

            kept.Should().Equal(expected, $"start-up must not change {table}");
        }
    }

    [Fact]
    public async Task Balances_read_as_they_were()
    {
        (await BalanceAsync("u1")).Should().Be(new BalanceView(40_000, 0, "USD"));
        (await BalanceAsync("u2")).Should().Be(new BalanceView(13_500, 1_500, "USD"));
        (await BalanceAsync("u3")).Should().Be(new BalanceView(7_500, 0, "USD"));
        (await BalanceAsync(AcmeAccount)).Should().Be(new BalanceView(92_266, 1_234, "USD"));
    }

    [Fact]
    public async Task Cashouts_read_with_their_statuses_newest_first()
    {
        var u1 = (await _app.AskAsync(new ListCashoutsQuery("u1", 10, ""))).Value;
        var u2 = (await _app.AskAsync(new ListCashoutsQuery("u2", 10, ""))).Value;

        // In the words the service answers with, which the old release stored: a row reads back as it was written.
        u1.Cashouts.Select(c => (c.Id, c.Amount, ProviderNames.Of(c.Provider), CashoutView.StatusWord(c.Status))).Should().Equal(
            (U1Failed, 3_066, "tipalti", "failed"), (U1Rejected, 2_013, "tipalti", "failed"), (U1Paid, 10_000, "tipalti", "completed"));
        u2.Cashouts.Select(c => (c.Id, c.Amount, CashoutView.StatusWord(c.Status))).Should().Equal(
            (U2InFlight, 1_500, "pending"), (U2Returned, 1_077, "returned"), (U2Paid, 5_000, "completed"));
        (u1.NextPageToken, u2.NextPageToken).Should().Be(("", ""));

        var paid = (await _app.AskAsync(new GetCashoutQuery("u1", U1Paid))).Value;
        paid.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(Scalar("SELECT CreatedAtMs FROM Payouts WHERE Id = $id", ("$id", U1Paid))));
        paid.CreatedAt.Date.Should().Be(new DateTime(2026, 12, 4), "times are read back as written, in UTC");
        (await _app.AskAsync(new GetCashoutQuery("u2", U1Paid))).Error.Kind.Should().Be(ErrorKind.NotFound, "a cashout is still its owner's alone");
    }

    [Fact]
    public async Task Merchant_payouts_read_with_their_statuses_and_details()
    {
        var page = (await _app.AskAsync(new ListPayoutsQuery(Acme, 10, "", "", "", [], false, [], false, [], ""))).Value;

        page.Payouts.Select(p => (p.Id, p.Status, p.Amount, p.Currency, p.ExternalId)).Should().Equal(
            (AcmeWebhook, PayoutStatus.InitiationCompleted, "40.00", "USD", "order-3"),
            (AcmeAwaiting, PayoutStatus.AwaitingRecipientDetails, "12.34", "USD", "order-2"),
            (AcmePaid, PayoutStatus.InitiationCompleted, "25.00", "USD", "order-1"));

        var awaiting = (await _app.AskAsync(new GetPayoutQuery(Acme, PublicPayoutIds.Format(AcmeAwaiting)))).Value;
        awaiting.Description.Should().Be("waits for the hosted form");
        (await _app.AskAsync(new ListPayoutsQuery(Acme, 10, "", "", "", [], false, [PayoutStatus.AwaitingRecipientDetails], false, [], "")))
            .Value.Payouts.Select(p => p.Id).Should().Equal(AcmeAwaiting);
        (await _app.AskAsync(new ListPayoutsQuery(Acme, 10, "", "2026-12-04", "2026-12-04", [], false, [], false, [], "")))
            .Value.Payouts.Should().HaveCount(3, "the date filter compares the stored times");
    }

    [Fact]
    public async Task Links_and_merchant_tokens_still_work()
    {
        var u1 = (await _app.AskAsync(new ListCashoutMethodsQuery("u1"))).Value;
        var u3 = (await _app.AskAsync(new ListCashoutMethodsQuery("u3"))).Value;
        u1.Select(m => (m.Provider, m.Status, m.AccountId)).Should().Equal((Provider.Tipalti, LinkStatus.Linked, "ubb82030dbc2bcaba32a90bf2e207a84"));
        u3.Select(m => (m.Provider, m.Status)).Should().Equal((Provider.PayPal, LinkStatus.Pending));

        var token = File.ReadAllText(Path.Combine(Fixtures, "merchant-token.txt")).Trim();
        var found = await _app.InScopeAsync(services =>
            services.GetRequiredService<IMerchantTokenReader>().FindByHashAsync(MerchantToken.HashOf(token), CancellationToken.None));
        found.Should().NotBeNull("the merchant's token, issued by the previous release, must still authenticate");
        (found!.MerchantId, found.RevokedAt).Should().Be((Acme, (DateTimeOffset?)null));
        found.Permissions.Should().Contain(MerchantToken.PayoutPermission);
    }

    [Fact]
    public async Task A_replayed_key_answers_the_stored_response_and_creates_nothing()
    {
        var payouts = Scalar("SELECT COUNT(*) FROM Payouts");
        var entries = Scalar("SELECT COUNT(*) FROM LedgerEntries");

        // u1 could afford a new 10000 now: only a replay answers the first cashout's id.
        var cashout = await _app.SendAsync(Cashout("u1", 10_000, type: "tipalti", provider: "tipalti", key: "fixture-u1-paid"));
        var refused = await _app.SendAsync(Cashout("u2", 99_000, type: "tipalti", provider: "tipalti", key: "fixture-u2-too-much"));
        var payout = await _app.SendAsync(new CreatePayoutCommand(
            Acme, "25.00", "USD", "payout", "", null, "order-1", "", "", "", "", "", "", new PayPalEmailInput("rcpt@example.com"), "fixture-acme-1"));
        var reused = await _app.SendAsync(Cashout("u1", 3_000, type: "tipalti", provider: "tipalti", key: "fixture-u1-failed"));

        cashout.Value.Should().Be(new CashoutProcessed(U1Paid, 10_000, "USD", "tipalti", "pending"));
        refused.Error.Message.Should().Be("Insufficient balance");
        payout.Value.Id.Should().Be(AcmePaid);
        payout.Value.Url.Should().Be(
            new Uri($"http://localhost:8781/checkin/pay_{AcmePaid}.7f4253604e59290531e65d6875412878"), "the stored response, as the first request got it");
        reused.Error.Code.Should().Be("idempotency.key_reused", "the stored request is compared: same key, other amount");
        Scalar("SELECT COUNT(*) FROM Payouts").Should().Be(payouts);
        Scalar("SELECT COUNT(*) FROM LedgerEntries").Should().Be(entries);
        (await BalanceAsync("u1")).Should().Be(new BalanceView(40_000, 0, "USD"));
    }

    [Fact]
    public async Task The_ledger_still_balances_and_every_payout_has_the_entries_of_its_status()
    {
        await LedgerBalancesAsync();

        var expected = new Dictionary<long, EntryKind[]>
        {
            [U1Paid] = [EntryKind.Reserve, EntryKind.Post],
            [U1Rejected] = [EntryKind.Reserve, EntryKind.Void],
            [U1Failed] = [EntryKind.Reserve, EntryKind.Void],
            [U2Paid] = [EntryKind.Reserve, EntryKind.Post],
            [U2Returned] = [EntryKind.Reserve, EntryKind.Post, EntryKind.Reversal],
            [U2InFlight] = [EntryKind.Reserve],
            [AcmePaid] = [EntryKind.Reserve, EntryKind.Post],
            [AcmeAwaiting] = [EntryKind.Reserve],
            [AcmeWebhook] = [EntryKind.Reserve, EntryKind.Post],
        };
        var owners = new Dictionary<long, string>
        {
            [U1Paid] = "u1", [U1Rejected] = "u1", [U1Failed] = "u1", [U2Paid] = "u2", [U2Returned] = "u2", [U2InFlight] = "u2",
            [AcmePaid] = AcmeAccount, [AcmeAwaiting] = AcmeAccount, [AcmeWebhook] = AcmeAccount,
        };

        // Through the writer's own statements (SQLitePCL directly), as the dispatcher settles a payout.
        var found = await WriterAsync(session => owners.ToDictionary(
            o => o.Key,
            o =>
            {
                var account = session.Ledger.FindAccount(o.Value, Usd)!;
                return Enum.GetValues<EntryKind>().Where(kind => session.Ledger.FindEntry(account.Id, kind, o.Key.ToString(CultureInfo.InvariantCulture)) is not null).ToArray();
            }));

        found.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Work_goes_on_the_accepted_cashout_in_flight_is_paid_and_new_ids_stay_above_the_old_ones()
    {
        // The harness clock (2026-11-21) is before every id on the file: start-up seeded the generator from it.
        var next = await _app.SendAsync(Cashout("u1", 2_500, type: "tipalti", provider: "tipalti", key: "after-upgrade"));
        next.Value.CashoutId.Should().BeGreaterThan(U2InFlight);
        (await _app.AskAsync(new ListCashoutsQuery("u1", 1, ""))).Value.Cashouts.Single().Id.Should().Be(next.Value.CashoutId);
        (await BalanceAsync("u1")).Should().Be(new BalanceView(37_500, 2_500, "USD"));

        // The old release stopped mid-call with the one in flight (outcome unknown): the new one asks Tipalti, which
        // never got it, and sends it. Each of the two is sent once.
        _app.Clock.Advance(TimeSpan.FromDays(14));
        await _app.PumpDispatchAsync();
        _tipalti.Received.Keys.Should().BeEquivalentTo([U2InFlight, next.Value.CashoutId]);
        _tipalti.SubmitCalls.Should().Be(2);
        (await StatusOfAsync("u2", U2InFlight)).Should().Be("processing");

        // A payout this old is polled at most hourly (DispatchPolicy.MaxPollInterval).
        _tipalti.Received[U2InFlight] = ProviderPayoutState.Completed;
        _app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await _app.PumpDispatchAsync();

        (await StatusOfAsync("u2", U2InFlight)).Should().Be("completed");
        (await BalanceAsync("u2")).Should().Be(new BalanceView(13_500, 0, "USD"));
        await LedgerBalancesAsync();
    }

    private static Currency Usd => Currency.From("USD").Value;

    private string Pristine => Path.Combine(_pristineFolder, "payouts.db");

    private async Task<BalanceView> BalanceAsync(string owner) => (await _app.AskAsync(new GetBalanceQuery(owner, "USD"))).Value;

    private async Task<T> WriterAsync<T>(Func<IWriteSession, T> read)
    {
        var result = await _app.InScopeAsync(services =>
            services.GetRequiredService<IUnitOfWork>().ExecuteAsync(session => Result<T>.Success(read(session)), CancellationToken.None));
        return result.Value;
    }

    /// <summary>Every account's balances equal the sums of its entries (the domain's own rule), entries read through EF.</summary>
    private async Task LedgerBalancesAsync()
    {
        var accounts = await WriterAsync(session => Owners.Select(owner => session.Ledger.FindAccount(owner, Usd)!).ToList());
        foreach (var account in accounts)
        {
            var entries = await _app.InScopeAsync(async services =>
            {
                var id = account.Id.ToString();
                var rows = await services.GetRequiredService<PayoutsDbContext>().LedgerEntries.Where(e => e.AccountId == id).ToListAsync();
                return rows.Select(r => new LedgerEntry(
                    Guid.Parse(r.Id), Guid.Parse(r.AccountId), Enum.Parse<EntryKind>(r.Kind), r.Amount, r.Reference, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs))).ToList();
            });

            entries.Should().NotBeEmpty();
            BalanceAccount.IsConsistent(account, entries).Should().BeTrue($"{account.OwnerId}'s balances must equal the sums of its {entries.Count} entries");
        }
    }

    private async Task<string> StatusOfAsync(string owner, long cashoutId) => CashoutView.StatusWord((await _app.AskAsync(new GetCashoutQuery(owner, cashoutId))).Value.Status);

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>One number from the upgraded file, read as SQL: what this test checks is the schema the release left.</summary>
    private long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(_app.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Every row of a table, these columns as SQLite's type and text, in storage order.</summary>
    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static List<string> Rows(SqliteConnection connection, string table, IEnumerable<string> columns)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.IsDBNull(i) ? "NULL" : $"{reader.GetDataTypeName(i)}:{Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}")));
        }

        return rows;
    }
}
