using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

/// <summary>Balance accounts in a known state, built through the public API.</summary>
internal static class Accounts
{
    public const string Reference = "payout-1";

    public static BalanceAccount Empty() => BalanceAccount.Open(Guid.NewGuid(), "user-1", Given.Usd);

    public static BalanceAccount With(long available, long reserved = 0) =>
        BalanceAccount.Restore(Guid.NewGuid(), "user-1", Given.Usd, available, reserved, version: 7);
}
