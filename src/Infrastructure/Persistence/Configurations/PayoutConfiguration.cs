using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<PayoutRow>
{
    public void Configure(EntityTypeBuilder<PayoutRow> payout)
    {
        payout.ToTable("Payouts", table => table.HasCheckConstraint("CK_Payouts_Amount", "\"AmountMinor\" > 0"));
        payout.HasKey(p => p.Id);

        // Ids are time-ordered: ListCashouts pages newest-first over this index.
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.HasIndex(p => new { p.OwnerId, p.Kind, p.Id });
        payout.Property(p => p.Kind).HasMaxLength(16);
        payout.Property(p => p.Status).HasMaxLength(32);
        payout.Property(p => p.Currency).HasMaxLength(3);
        payout.Property(p => p.Version).IsConcurrencyToken();
    }
}
