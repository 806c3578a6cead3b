using Payouts.Domain.Common;

namespace Payouts.Application.Common;

/// <summary>
/// Errors that say "try again", never "this request is wrong": they are not replayed for an
/// idempotency key, so a retry with the same key really runs again.
/// </summary>
public static class TransientErrors
{
    public static readonly Error StorageWriteFailed =
        Error.Conflict("storage.write_failed", "The change could not be written; nothing was changed. Retry.");

    /// <summary>
    /// The connection to the database broke while a change was committed, and the database could not say afterwards
    /// whether it was (ADR-004's unknown outcome, for our own database). Never "nothing was changed": a keyed retry
    /// replays what was written or runs if nothing was; without a key, the caller reads before it sends again.
    /// </summary>
    public static readonly Error OutcomeUnknown = Error.Unavailable(
        "storage.outcome_unknown",
        "The connection to the database was lost while the change was committed; it may or may not have been made. " +
        "Retry with the same idempotency key, or read the current state before sending it again.");

    public static readonly Error KeyInFlight =
        Error.Conflict("idempotency.in_flight", "A request with this idempotency key is still being processed. Retry later.");

    /// <summary>Seed 000's message for a cashout whose reservation could not be written.</summary>
    public static readonly Error BalanceNotDeducted = Error.Conflict("cashout.deduct_failed", "Failed to deduct balance");

    private static readonly HashSet<string> Codes = [StorageWriteFailed.Code, OutcomeUnknown.Code, KeyInFlight.Code, BalanceNotDeducted.Code];

    public static bool Contains(Error error) => Codes.Contains(error.Code);
}
