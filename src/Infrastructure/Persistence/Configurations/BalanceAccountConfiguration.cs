using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class BalanceAccountConfiguration : IEntityTypeConfiguration<BalanceAccountRow>
{
    public void Configure(EntityTypeBuilder<BalanceAccountRow> account)
    {
        // The last line of defence: whatever the code does, the database refuses an overdraft.
        account.ToTable("BalanceAccounts", table =>
        {
            table.HasCheckConstraint("CK_BalanceAccounts_Available", "\"Available\" >= 0");
            table.HasCheckConstraint("CK_BalanceAccounts_Reserved", "\"Reserved\" >= 0");
        });
        account.HasKey(a => a.Id);
        account.HasIndex(a => new { a.OwnerId, a.Currency }).IsUnique();
        account.Property(a => a.Currency).HasMaxLength(3);
        account.Property(a => a.Version).IsConcurrencyToken();
    }
}
