using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecordRow>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecordRow> record)
    {
        record.ToTable("IdempotencyRecords");
        record.HasKey(r => new { r.CallerId, r.Key });
        record.Property(r => r.Key).HasMaxLength(255);
        record.HasIndex(r => r.CreatedAtMs);
    }
}
