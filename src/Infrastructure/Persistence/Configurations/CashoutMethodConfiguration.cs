using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class CashoutMethodConfiguration : IEntityTypeConfiguration<CashoutMethodRow>
{
    public void Configure(EntityTypeBuilder<CashoutMethodRow> method)
    {
        method.ToTable("CashoutMethods");
        method.HasKey(m => new { m.OwnerId, m.Provider });
        method.Property(m => m.Status).HasMaxLength(16);

        // Provider notifications name the provider's account, not our user.
        method.HasIndex(m => new { m.Provider, m.Reference });
    }
}
