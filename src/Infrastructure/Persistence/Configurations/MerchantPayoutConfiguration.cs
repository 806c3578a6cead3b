using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence.Configurations;

/// <summary>What a merchant payout has beyond every payout (seed 001's fields), one row per merchant payout.</summary>
internal sealed class MerchantPayoutConfiguration : IEntityTypeConfiguration<MerchantPayoutRow>
{
    public void Configure(EntityTypeBuilder<MerchantPayoutRow> payout)
    {
        payout.ToTable("MerchantPayouts");
        payout.HasKey(p => p.PayoutId);
        payout.Property(p => p.PayoutId).ValueGeneratedNever();

        // externalId is unique per merchant (seed 001).
        payout.HasIndex(p => new { p.MerchantId, p.ExternalId }).IsUnique().HasFilter("ExternalId IS NOT NULL");
        payout.HasIndex(p => new { p.MerchantId, p.RefId }).HasFilter("RefId IS NOT NULL");

        // A create without an Idempotency-Key replays the payout made from the same content (seed 001).
        payout.HasIndex(p => new { p.MerchantId, p.ContentHash }).HasFilter("ContentHash IS NOT NULL");

        // The expiry sweep's query: forms still open, by deadline.
        payout.HasIndex(p => p.FormExpiresAtMs).HasFilter("FormUsedAtMs IS NULL");
    }
}
