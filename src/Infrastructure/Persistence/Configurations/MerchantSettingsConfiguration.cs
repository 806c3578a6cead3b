using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class MerchantSettingsConfiguration : IEntityTypeConfiguration<MerchantSettingsRow>
{
    public void Configure(EntityTypeBuilder<MerchantSettingsRow> settings)
    {
        settings.ToTable("MerchantSettings");
        settings.HasKey(s => s.MerchantId);
    }
}
