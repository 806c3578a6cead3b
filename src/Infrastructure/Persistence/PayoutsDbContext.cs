using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The schema and the read side, on SQLite; PostgreSqlPayoutsDbContext is the same model on PostgreSQL, with its own
/// migrations. SQLite's live in Migrations/ beside it; add one with <c>dotnet tool restore</c> then
/// <c>dotnet dotnet-ef migrations add Name --project src/Infrastructure --context PayoutsDbContext --output-dir Persistence/Migrations</c>
/// (the tool is pinned in dotnet-tools.json to EF Core's own version), and PostgreSQL's beside it (see PostgreSqlPayoutsDbContext).
/// The service runs on a compiled model
/// (CompiledModel/, found through its assembly attribute), which saves building the model at every start; after a
/// change to the configurations regenerate it with <c>dotnet dotnet-ef dbcontext optimize --project src/Infrastructure
/// --context PayoutsDbContext --output-dir Persistence/CompiledModel --namespace Payouts.Infrastructure.Persistence.CompiledModel</c> (a test fails until then).
/// Writes go through the group-commit writer (Writes/), not SaveChanges.
/// </summary>
internal class PayoutsDbContext : DbContext
{
    public PayoutsDbContext(DbContextOptions<PayoutsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context, which has its own migrations and no compiled model.</summary>
    protected PayoutsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<BalanceAccountRow> BalanceAccounts => Set<BalanceAccountRow>();
    public DbSet<LedgerEntryRow> LedgerEntries => Set<LedgerEntryRow>();
    public DbSet<PayoutRow> Payouts => Set<PayoutRow>();
    public DbSet<CashoutMethodRow> CashoutMethods => Set<CashoutMethodRow>();
    public DbSet<OutboxMessageRow> OutboxMessages => Set<OutboxMessageRow>();
    public DbSet<IdempotencyRecordRow> IdempotencyRecords => Set<IdempotencyRecordRow>();
    public DbSet<PayoutDispatchRow> PayoutDispatches => Set<PayoutDispatchRow>();
    public DbSet<MerchantTokenRow> MerchantTokens => Set<MerchantTokenRow>();
    public DbSet<MerchantSettingsRow> MerchantSettings => Set<MerchantSettingsRow>();
    public DbSet<MerchantPayoutRow> MerchantPayouts => Set<MerchantPayoutRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();
    public DbSet<WebhookAttemptRow> WebhookAttempts => Set<WebhookAttemptRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PayoutsDbContext).Assembly);

    /// <summary>
    /// EF indexes every foreign key column. SQLite needs that index only to delete or re-key a parent row,
    /// which never happens here (balance accounts are never deleted), and every index is one more B-tree page
    /// each insert dirties, written to the WAL and checkpointed. An index a query needs is declared in the
    /// entity's configuration instead. Removed here, on the context, so the service and <c>dotnet ef</c> build the
    /// same model however their options are made.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
}
