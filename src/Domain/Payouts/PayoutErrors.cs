using Payouts.Domain.Common;

namespace Payouts.Domain.Payouts;

/// <summary>The stable errors about a payout: the transitions it refuses, and a payout that is not there.</summary>
public static class PayoutErrors
{
    /// <param name="id">The payout as the caller named it (e.g. "pay_123"), so the message quotes what was asked for.</param>
    public static Error NotFound(string id) => Error.NotFound("payout.not_found", $"Payout {id} was not found.");

    /// <param name="action">The transition as a verb phrase, e.g. "complete", so the message names the target.</param>
    /// <param name="from">The status the payout is in.</param>
    public static Error IllegalTransition(string action, PayoutStatus from) =>
        Error.Precondition("payout.illegal_transition", $"Cannot {action} a payout that is {from}.");

    // Two different provider references for one payout means it may have been sent twice; never hide that.
    public static Error ProviderReferenceConflict(string current, string offered) => Error.Conflict(
        "payout.provider_reference_conflict",
        $"The payout is already processing under provider reference {current}, not {offered}.");
}
