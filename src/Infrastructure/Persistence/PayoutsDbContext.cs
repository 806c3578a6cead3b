using Microsoft.EntityFrameworkCore;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence;

/// <summary>
/// The schema and the read side. Migrations live in Migrations/ beside it; add one with
/// <c>DOTNET_ROLL_FORWARD=Major dotnet dotnet-ef migrations add Name --project src/Infrastructure --output-dir Persistence/Migrations</c>.
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
}
