using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageRow>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRow> message)
    {
        message.ToTable("OutboxMessages");
        message.HasKey(m => m.Id);
        // Id is the rowid and only grows: the dispatcher finds pending messages with a range scan from
        // the last id it processed, so no extra index has to be updated by every cashout.
        message.Property(m => m.Id).ValueGeneratedOnAdd();
    }
}
