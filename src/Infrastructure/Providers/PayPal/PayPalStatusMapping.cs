using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// PayPal's batch and item statuses (PROVIDERS.md 1.2.1, 1.2.2) as our states. We send one item per batch, so the
/// item says where the money is; the batch only decides while it has no final word of its own (DENIED, CANCELED).
/// </summary>
internal static class PayPalStatusMapping
{
    /// <summary>Batch statuses. SUCCESS only means "processed": its item may still be unclaimed or held, so it defers to the item.</summary>
    public static readonly IReadOnlyDictionary<string, ProviderPayoutState> Batch = new Dictionary<string, ProviderPayoutState>(StringComparer.Ordinal)
    {
        ["PENDING"] = ProviderPayoutState.Pending,
        ["PROCESSING"] = ProviderPayoutState.Processing,
        ["SUCCESS"] = ProviderPayoutState.Processing,
        ["DENIED"] = ProviderPayoutState.Rejected,
        ["CANCELED"] = ProviderPayoutState.Cancelled,
    };

    /// <summary>
    /// Item statuses. FAILED and BLOCKED are both Rejected, not Failed: PayPal uses them for business decisions
    /// about this payment (receiver invalid or locked, limits, risk or compliance block), which sending it again
    /// cannot change, while PayPal's technical trouble shows as HTTP 5xx, never as an item status. The reason
    /// keeps PayPal's status and error name for operators. UNCLAIMED is not final: it is paid once the recipient
    /// claims, or RETURNED after 30 days.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ProviderPayoutState> Item = new Dictionary<string, ProviderPayoutState>(StringComparer.Ordinal)
    {
        ["PENDING"] = ProviderPayoutState.Processing,
        ["ONHOLD"] = ProviderPayoutState.Processing,
        ["UNCLAIMED"] = ProviderPayoutState.Processing,
        ["SUCCESS"] = ProviderPayoutState.Completed,
        ["FAILED"] = ProviderPayoutState.Rejected,
        ["BLOCKED"] = ProviderPayoutState.Rejected,
        ["RETURNED"] = ProviderPayoutState.Returned,
        ["REFUNDED"] = ProviderPayoutState.Returned,
        ["REVERSED"] = ProviderPayoutState.Returned,
    };

    /// <summary>A status we do not know yet is not final: keep polling rather than guess an ending.</summary>
    public static ProviderPayoutState Map(string? batchStatus, string? itemStatus)
    {
        var batch = batchStatus is not null && Batch.TryGetValue(batchStatus, out var b) ? b : ProviderPayoutState.Processing;
        if (batch is ProviderPayoutState.Rejected or ProviderPayoutState.Cancelled)
        {
            return batch;
        }

        if (itemStatus is null || itemStatus == "PENDING")
        {
            return batch;
        }

        return Item.TryGetValue(itemStatus, out var item) ? item : ProviderPayoutState.Processing;
    }
}
