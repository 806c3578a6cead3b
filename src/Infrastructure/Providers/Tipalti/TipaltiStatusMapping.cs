using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>
/// Tipalti payment-order statuses (PROVIDERS.md §3.3; no official enum list is public) to ours. Keys are
/// compared without case, spaces or underscores, so "Deferred Internal", "DEFERRED_INTERNAL" and
/// "DeferredInternal" are one status. A status we do not know maps to Processing: never final, so the
/// dispatcher keeps asking instead of settling a payout on a guess.
/// </summary>
internal static class TipaltiStatusMapping
{
    private static readonly Dictionary<string, ProviderPayoutState> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        // Uploaded, waiting for approval, or held because the payee is not payable yet (no method, tax form).
        ["Submitted"] = ProviderPayoutState.Pending,
        ["Deferred"] = ProviderPayoutState.Pending,
        ["DeferredInternal"] = ProviderPayoutState.Pending,
        ["Scheduled"] = ProviderPayoutState.Pending,
        ["PendingPayerFunds"] = ProviderPayoutState.Pending,

        // Approved by our approvers (or no-approval workflow): money is moving.
        ["Approved"] = ProviderPayoutState.Processing,
        ["Processing"] = ProviderPayoutState.Processing,
        ["FraudReview"] = ProviderPayoutState.Processing,

        ["Paid"] = ProviderPayoutState.Completed,
        ["Cleared"] = ProviderPayoutState.Completed,

        // Cancelled before approval, or our own approvers declined the group: never paid, not Tipalti's refusal.
        ["Canceled"] = ProviderPayoutState.Cancelled,
        ["Cancelled"] = ProviderPayoutState.Cancelled,
        ["Declined"] = ProviderPayoutState.Cancelled,

        // Error 2, ProviderRejectedPOErrorCode: Tipalti never retries it; a new instruction is needed.
        ["ProviderRejected"] = ProviderPayoutState.Rejected,
        ["Rejected"] = ProviderPayoutState.Rejected,

        ["Error"] = ProviderPayoutState.Failed,
        ["Failed"] = ProviderPayoutState.Failed,

        ["Returned"] = ProviderPayoutState.Returned,
    };

    public static ProviderPayoutState Map(string? status) =>
        Table.TryGetValue(Normalize(status), out var state) ? state : ProviderPayoutState.Processing;

    private static string Normalize(string? status) =>
        status is null ? "" : string.Concat(status.Where(char.IsAsciiLetter));
}
