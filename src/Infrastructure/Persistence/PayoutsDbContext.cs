using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The schema and the read side. Migrations live in Migrations/ beside it; add one with
/// <c>dotnet tool restore</c> then <c>dotnet dotnet-ef migrations add Name --project src/Infrastructure --output-dir Persistence/Migrations</c>
/// (the tool is pinned in dotnet-tools.json to EF Core's own version). The service runs on a compiled model
/// (CompiledModel/, found through its assembly attribute), which saves building the model at every start; after a
/// change to the configurations regenerate it with <c>dotnet dotnet-ef dbcontext optimize --project src/Infrastructure
/// --output-dir Persistence/CompiledModel --namespace Payouts.Infrastructure.Persistence.CompiledModel</c> (a test fails until then).
/// Writes go through the group-commit writer (Writes/), not SaveChanges.
/// </summary>
internal sealed class PayoutsDbContext(DbContextOptions<PayoutsDbContext> options) : DbContext(options)
{
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
