using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class MerchantTokenConfiguration : IEntityTypeConfiguration<MerchantTokenRow>
{
    public void Configure(EntityTypeBuilder<MerchantTokenRow> token)
    {
        token.ToTable("MerchantTokens");
        token.HasKey(t => t.Id);

        // Only the SHA-256 of a token is kept; a presented token is found by its hash.
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.MerchantId);
    }
}
