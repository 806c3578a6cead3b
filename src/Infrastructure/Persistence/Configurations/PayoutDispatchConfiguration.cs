using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class PayoutDispatchConfiguration : IEntityTypeConfiguration<PayoutDispatchRow>
{
    public void Configure(EntityTypeBuilder<PayoutDispatchRow> dispatch)
    {
        dispatch.ToTable("PayoutDispatches");
        dispatch.HasKey(d => d.PayoutId);
        dispatch.Property(d => d.PayoutId).ValueGeneratedNever();
        dispatch.Property(d => d.Stage).HasMaxLength(16);

        // The worker's "what is due" query; finished dispatches have no next attempt and drop out of it.
        dispatch.HasIndex(d => d.NextAttemptAtMs).HasFilter("NextAttemptAtMs IS NOT NULL");
    }
}
