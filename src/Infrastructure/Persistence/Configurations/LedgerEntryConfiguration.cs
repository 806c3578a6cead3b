using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntryRow>
{
    public void Configure(EntityTypeBuilder<LedgerEntryRow> entry)
    {
        entry.ToTable("LedgerEntries", table => table.HasCheckConstraint("CK_LedgerEntries_Amount", "\"Amount\" > 0"));
        entry.HasKey(e => e.Id);
        entry.HasOne<BalanceAccountRow>().WithMany().HasForeignKey(e => e.AccountId);

        // One entry of a kind per reference: a credit reference or a payout moves an account once.
        // Reference first: a payout's reference is its id, which only grows, so a cashout's entry lands on the
        // index's last page rather than on a random page per account. Each scattered page costs a WAL write and
        // a checkpoint write on every commit it is in: this order took the cashout benchmark from ~7,500 to ~9,900/s.
        entry.HasIndex(e => new { e.Reference, e.Kind, e.AccountId }).IsUnique();
        entry.Property(e => e.Kind).HasMaxLength(16);
    }
}
