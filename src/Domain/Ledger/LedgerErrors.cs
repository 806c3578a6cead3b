using Payouts.Domain.Common;

namespace Payouts.Domain.Ledger;

/// <summary>The stable errors of ledger operations.</summary>
internal static class LedgerErrors
{
    public static Error InvalidAmount(long amount) => Error.Validation(
        "ledger.invalid_amount",
        $"Ledger amounts must be positive; got {amount}.",
        new FieldViolation("amount", "Must be greater than zero."));

    // The exact message of seed 000's cashout API, which legacy clients match on.
    public static Error InsufficientBalance() =>
        Error.Precondition("ledger.insufficient_balance", "Insufficient balance");

    public static Error ReservationExceeded(long amount, long reserved) => Error.Conflict(
        "ledger.reservation_exceeded",
        $"Cannot settle {amount} when only {reserved} is reserved.");

    // A state the account cannot reach, like a short balance, so a precondition rather than bad input.
    public static Error Overflow() =>
        Error.Precondition("ledger.overflow", "The balance would exceed the largest amount an account can hold.");
}
