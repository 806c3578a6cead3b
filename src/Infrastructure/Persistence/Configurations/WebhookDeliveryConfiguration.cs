using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDeliveryRow>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryRow> delivery)
    {
        delivery.ToTable("WebhookDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedOnAdd();
        delivery.Property(d => d.Status).HasMaxLength(16);

        // The sender's "what is due" query; delivered and abandoned ones have no next attempt.
        delivery.HasIndex(d => d.NextAttemptAtMs).HasFilter("NextAttemptAtMs IS NOT NULL");
        delivery.HasIndex(d => new { d.PayoutId, d.Sequence }).IsUnique();
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttemptRow>
{
    public void Configure(EntityTypeBuilder<WebhookAttemptRow> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).ValueGeneratedOnAdd();
        attempt.HasIndex(a => a.DeliveryId);
    }
}
