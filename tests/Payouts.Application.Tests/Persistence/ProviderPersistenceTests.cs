using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payouts.Application.Balances;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence;
using Payouts.Infrastructure.Persistence.Reads;
using Payouts.Infrastructure.Persistence.Rows;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Application.Tests.Persistence;

/// <summary>
/// What must hold on SQLite and on PostgreSQL alike: the migrations build the model, the database itself refuses an
/// overdraft, and the readers return what was written. Rows are written here through EF, so the readers are tested
/// apart from the write path (WritePathTests and ReplicaTests run the use cases).
/// </summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.Both)]
public sealed class ProviderPersistenceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task An_empty_database_gets_every_migration_and_they_build_the_model(string provider)
    {
        await using var database = new ProviderDatabase(provider);
        using var scope = database.Migrated().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>().Database;

        (await db.GetAppliedMigrationsAsync()).Should().Equal(db.GetMigrations()).And.NotBeEmpty();
        db.HasPendingModelChanges().Should().BeFalse($"a change to the model needs a migration for each provider (see {nameof(PayoutsDbContext)})");
    }

    [Fact]
    public async Task Replicas_starting_together_on_an_empty_PostgreSQL_database_migrate_it_once()
    {
        await using var database = new ProviderDatabase(DatabaseOptions.PostgreSql);
        var replicas = Enumerable.Range(0, 3).Select(_ => database.Compose()).ToList();

        await Task.WhenAll(replicas.Select(replica => Task.Run(replica.MigrateDatabase)));

        using var scope = replicas[0].CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutsDbContext>().Database;
        (await db.GetAppliedMigrationsAsync()).Should().Equal(db.GetMigrations());
        database.Migrated().Should().NotBeNull("a later start finds nothing pending and starts");
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task The_database_refuses_a_negative_balance(string provider)
    {
        await using var database = new ProviderDatabase(provider);
        var services = database.Migrated();
        await WriteAsync(services, db => db.BalanceAccounts.Add(Account("alice", available: 500)));

        var overdraft = () => WriteAsync(services, db => db.BalanceAccounts.Add(Account("bob", available: -1)));
        var negativeReserve = () => WriteAsync(services, db => db.BalanceAccounts.Add(Account("carol", available: 0, reserved: -1)));
        var spendTooMuch = () => InScopeAsync(services, db =>
            db.BalanceAccounts.Where(a => a.OwnerId == "alice").ExecuteUpdateAsync(set => set.SetProperty(a => a.Available, a => a.Available - 501)));

        await overdraft.Should().ThrowAsync<DbUpdateException>();
        await negativeReserve.Should().ThrowAsync<DbUpdateException>();
        (await spendTooMuch.Should().ThrowAsync<DbException>()).Which.Message.Should().Contain("CK_BalanceAccounts_Available");
        (await InScopeAsync(services, db => db.BalanceAccounts.SingleAsync())).Available.Should().Be(500);
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task The_readers_return_what_was_written(string provider)
    {
        await using var database = new ProviderDatabase(provider);
        var services = database.Migrated();
        await WriteAsync(services, db =>
        {
            db.BalanceAccounts.Add(Account("alice", available: 15_000, reserved: 10_000));
            db.Payouts.AddRange(Cashout(1001, 2_500), Cashout(1002, 2_500), Cashout(1003, 5_000), MerchantPayout(2001), MerchantPayout(2002));
            db.MerchantPayouts.AddRange(Details(2001, refId: "ref-1"), Details(2002, refId: "ref-2"));
            db.CashoutMethods.AddRange(Method("paypal", "Linked"), Method("payoneer", "Pending"));
            db.MerchantTokens.AddRange(Token("tok_1", "payout", revokedAtMs: null), Token("tok_2", "", revokedAtMs: null), Token("tok_3", "payout", revokedAtMs: 9));
        });

        using var scope = services.CreateScope();
        var read = scope.ServiceProvider;
        (await read.GetRequiredService<IBalanceReader>().FindAsync("alice", "USD", None)).Should().Be(new BalanceView(15_000, 10_000, "USD"));
        (await read.GetRequiredService<IBalanceReader>().FindAsync("alice", "EUR", None)).Should().BeNull();

        var cashouts = read.GetRequiredService<ICashoutReader>();
        (await cashouts.ListAsync("alice", beforeId: 1003, take: 10, None)).Select(c => c.Id).Should().Equal(1002, 1001);
        (await cashouts.FindAsync("alice", 1003, None)).Should().Be(new CashoutView(1003, 5_000, "USD", Provider.PayPal, PayoutStatus.InitiationPending, At(1003), At(1004)));
        (await cashouts.FindAsync("bob", 1003, None)).Should().BeNull("a cashout is read only by its owner");

        (await read.GetRequiredService<ICashoutMethodReader>().ListAsync("alice", None)).Select(m => (m.Provider, m.Status, m.AccountId))
            .Should().Equal((Provider.Payoneer, LinkStatus.Pending, "acct-payoneer"), (Provider.PayPal, LinkStatus.Linked, "acct-paypal"));

        var payouts = read.GetRequiredService<IPayoutReader>();
        var byRef = new PayoutFilter(null, null, [], false, [], false, ["ref-2"], null);
        (await payouts.ListAsync("acme", byRef, beforeId: null, limit: 10, None)).Select(p => p.Details.ExternalId).Should().Equal("order-2002");
        var notThese = new PayoutFilter(null, null, [2002], true, [PayoutStatus.Cancelled], true, [], null);
        (await payouts.ListAsync("acme", notThese, beforeId: null, limit: 10, None)).Select(p => p.Payout.Id.Value).Should().Equal(2001);
        (await payouts.FindAsync("acme", 2002, None))!.Value.Payout.Amount.Minor.Should().Be(1_234);
        (await payouts.FindAsync("other", 2002, None)).Should().BeNull("a payout is read only by its merchant");
        (await payouts.FindForRecipientAsync(2001, None))!.Value.Details.RefId.Should().Be("ref-1");

        var tokens = read.GetRequiredService<MerchantTokenReader>();
        (await tokens.FindByHashAsync(Hash("tok_3"), None))!.RevokedAt.Should().Be(At(9));
        (await tokens.ListAsync("acme", None)).Select(t => t.Id).Should().Equal("tok_1", "tok_2", "tok_3");
        (await tokens.KeysForAsync("acme", None)).Should().ContainSingle("only active tokens that may pay sign webhooks")
            .Which.Should().Equal(Convert.FromHexString(Hash("tok_1")));
    }

    [Theory]
    [MemberData(nameof(ProviderDatabase.Providers), MemberType = typeof(ProviderDatabase))]
    public async Task The_health_check_serves_only_once_the_database_is_migrated(string provider)
    {
        await using var database = new ProviderDatabase(provider);
        var services = database.Compose();
        var check = () => DatabaseCheck.RunAsync(services.GetRequiredService<OpenConnection>(), services.GetRequiredService<WriterStatus>());

        (await check()).Status.Should().Be(HealthStatus.Unhealthy);
        services.MigrateDatabase();
        (await check()).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task PostgreSQL_keeps_SQLites_tables_keys_unique_indexes_and_checks_with_money_in_bigint()
    {
        await using var sqlite = new ProviderDatabase(DatabaseOptions.Sqlite);
        await using var postgres = new ProviderDatabase(DatabaseOptions.PostgreSql);

        var sqliteSchema = Shape(Model(sqlite.Compose()));
        var postgresModel = Model(postgres.Compose());

        Shape(postgresModel).Should().Equal(sqliteSchema);
        var money = new[] { ("BalanceAccounts", "Available"), ("BalanceAccounts", "Reserved"), ("LedgerEntries", "Amount"), ("Payouts", "AmountMinor") };
        money.Select(m => postgresModel.FindTable(m.Item1, null)!.FindColumn(m.Item2)!.StoreType).Should().AllBe("bigint");
    }

    [Fact]
    public void PostgreSQL_needs_its_connection_string_and_start_up_names_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "postgresql" }).Build();
        using var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();

        var start = () => services.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().WithMessage("ConnectionStrings:Payouts must be a PostgreSQL connection string*");
    }

    /// <summary>Tables with their columns' names and nullability, keys, indexes (unique or not), foreign keys and checks: all but the store types.</summary>
    private static List<string> Shape(IRelationalModel model) =>
    [
        .. model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(table => new[] { $"table {table.Name}" }
            .Concat(table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"  column {c.Name} {(c.IsNullable ? "null" : "not null")}"))
            .Concat(table.UniqueConstraints.Select(k => $"  key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))})").Order(StringComparer.Ordinal))
            .Concat(table.Indexes.Select(i => $"  index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) {(i.IsUnique ? "unique" : "")} {i.Filter?.Replace("\"", "", StringComparison.Ordinal)}").Order(StringComparer.Ordinal))
            .Concat(table.ForeignKeyConstraints.Select(f => $"  foreign key {f.Name} -> {f.PrincipalTable.Name}").Order(StringComparer.Ordinal))
            .Concat(table.CheckConstraints.Select(c => $"  check {c.Name} {c.Sql}").Order(StringComparer.Ordinal))),
    ];

    private static IRelationalModel Model(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PayoutsDbContext>().GetService<IDesignTimeModel>().Model.GetRelationalModel();
    }

    private static Task<int> WriteAsync(IServiceProvider services, Action<PayoutsDbContext> write) => InScopeAsync(services, db =>
    {
        write(db);
        return db.SaveChangesAsync();
    });

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<PayoutsDbContext, Task<T>> action)
    {
        using var scope = services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<PayoutsDbContext>());
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static BalanceAccountRow Account(string owner, long available, long reserved = 0) =>
        new() { Id = Guid.NewGuid().ToString(), OwnerId = owner, Currency = "USD", Available = available, Reserved = reserved };

    private static PayoutRow Cashout(long id, long amount) => new()
    {
        Id = id, Kind = nameof(PayoutKind.Cashout), OwnerId = "alice", AmountMinor = amount, Currency = "USD", Provider = "paypal",
        Type = "paypal", Status = nameof(PayoutStatus.InitiationPending), CreatedAtMs = id, UpdatedAtMs = id + 1,
    };

    private static PayoutRow MerchantPayout(long id) => new()
    {
        Id = id, Kind = nameof(PayoutKind.MerchantPayout), OwnerId = MerchantAccounts.OwnerOf("acme"), AmountMinor = 1_234, Currency = "EUR",
        Provider = "", Type = "payout", Status = nameof(PayoutStatus.AwaitingRecipientDetails), CreatedAtMs = id, UpdatedAtMs = id,
    };

    private static MerchantPayoutRow Details(long payoutId, string refId) =>
        new() { PayoutId = payoutId, MerchantId = "acme", ExternalId = $"order-{payoutId}", RefId = refId };

    private static CashoutMethodRow Method(string provider, string status) =>
        new() { OwnerId = "alice", Provider = provider, Status = status, Reference = $"acct-{provider}", CreatedAtMs = 1, UpdatedAtMs = 2 };

    private static MerchantTokenRow Token(string id, string permissions, long? revokedAtMs) => new()
    {
        Id = id, MerchantId = "acme", TokenHash = Hash(id), Permissions = permissions, CreatedAtMs = int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture),
        RevokedAtMs = revokedAtMs,
    };

    private static string Hash(string tokenId) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokenId)));
}
