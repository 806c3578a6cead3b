namespace Payouts.Domain.Ledger;

/// <summary>One immutable movement of a balance account; the account's balances are the sum of its entries.</summary>
/// <param name="Id">Time-ordered id (UUID v7), so entries sort by creation in an index.</param>
/// <param name="AccountId">The balance account moved.</param>
/// <param name="Kind">How the balances moved.</param>
/// <param name="Amount">Strictly positive, in the account currency's minor units.</param>
/// <param name="Reference">What caused it, e.g. the payout id; lets a reader trace every cent.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record LedgerEntry(Guid Id, Guid AccountId, EntryKind Kind, long Amount, string Reference, DateTimeOffset CreatedAt);
