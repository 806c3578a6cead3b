using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Amounts;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>
/// The writes a unit of work may make. Everything it reads is the latest committed state plus the
/// changes of the units before it in the same group, because one writer applies them in order.
/// </summary>
public interface IWriteSession
{
    BalanceAccount? FindAccount(string ownerId, Currency currency);

    void AddAccount(BalanceAccount account);

    /// <summary>Writes the account only if it still has <paramref name="expectedVersion"/>; the database re-checks that neither side went negative.</summary>
    void UpdateAccount(BalanceAccount account, long expectedVersion);

    LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference);

    void AddEntry(LedgerEntry entry);

    bool IsCashoutMethodLinked(string ownerId, string provider);

    /// <summary>Creates or replaces the owner's method for a provider.</summary>
    void SaveCashoutMethod(CashoutMethodLink link);

    void AddPayout(Payout payout);

    void AddOutboxMessage(OutboxMessage message);

    void SaveIdempotencyRecord(IdempotencyRecord record);
}

/// <summary>A user's payout method at one provider; only a Linked one can receive cashouts.</summary>
public sealed record CashoutMethodLink(string OwnerId, string Provider, string Status, string? Reference, DateTimeOffset UpdatedAt)
{
    public const string Linked = "Linked";
    public const string Pending = "Pending";
}

/// <summary>An event for another process (the dispatcher), written in the transaction that caused it.</summary>
public sealed record OutboxMessage(string Type, string Payload, DateTimeOffset CreatedAt);
