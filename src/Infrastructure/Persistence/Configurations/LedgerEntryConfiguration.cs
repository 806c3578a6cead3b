using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntryRow>
{
    public void Configure(EntityTypeBuilder<LedgerEntryRow> entry)
    {
        entry.ToTable("LedgerEntries");
        entry.HasCheckConstraint("CK_LedgerEntries_Amount", "\"Amount\" > 0");
        entry.HasKey(e => e.Id);
        entry.HasOne<BalanceAccountRow>().WithMany().HasForeignKey(e => e.AccountId);

        // One entry of a kind per reference: a credit reference or a payout moves an account once.
        entry.HasIndex(e => new { e.AccountId, e.Kind, e.Reference }).IsUnique();
        entry.Property(e => e.Kind).HasMaxLength(16);
    }
}
