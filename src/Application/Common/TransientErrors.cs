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

    public static readonly Error KeyInFlight =
        Error.Conflict("idempotency.in_flight", "A request with this idempotency key is still being processed. Retry later.");

    /// <summary>Seed 000's message for a cashout whose reservation could not be written.</summary>
    public static readonly Error BalanceNotDeducted = Error.Conflict("cashout.deduct_failed", "Failed to deduct balance");

    private static readonly HashSet<string> Codes = [StorageWriteFailed.Code, KeyInFlight.Code, BalanceNotDeducted.Code];

    public static bool Contains(Error error) => Codes.Contains(error.Code);
}
