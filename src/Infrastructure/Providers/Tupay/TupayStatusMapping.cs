using System.Collections.Frozen;
using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Tupay's cashout_status codes (PROVIDERS.md 4.4) in our vocabulary.</summary>
public static class TupayStatusMapping
{
    /// <summary>
    /// D24's "withdrawal reversed" rejection code. Tupay reports a reversal of a paid cashout as status 3
    /// with this code, so it means the money came back, not that the bank refused it.
    /// </summary>
    public const int WithdrawalReversed = 826;

    private static readonly FrozenDictionary<int, ProviderPayoutState> States = new Dictionary<int, ProviderPayoutState>
    {
        [0] = ProviderPayoutState.Pending,      // PENDING: not yet sent to the bank, can still be cancelled.
        [1] = ProviderPayoutState.Completed,    // COMPLETED: the money reached the beneficiary.
        [2] = ProviderPayoutState.Cancelled,    // CANCELLED by us.
        [3] = ProviderPayoutState.Rejected,     // REJECTED by the bank; rejection_code 800–818 says why.
        [4] = ProviderPayoutState.Processing,   // DELIVERED to the bank: no longer cancellable, not yet paid.
        [5] = ProviderPayoutState.Pending,      // ON HOLD by us: resumes only when moved back to Pending.
    }.ToFrozenDictionary();

    /// <summary>Null for a status code Tupay has not documented.</summary>
    public static ProviderPayoutState? StateOf(int cashoutStatus, int? rejectionCode) =>
        cashoutStatus == 3 && rejectionCode == WithdrawalReversed ? ProviderPayoutState.Returned
        : States.TryGetValue(cashoutStatus, out var state) ? state
        : null;
}
