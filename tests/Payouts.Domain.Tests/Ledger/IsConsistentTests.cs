using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

public class IsConsistentTests
{
    [Fact]
    public void IsConsistent_new_account_without_entries_is_true()
    {
        BalanceAccount.IsConsistent(Accounts.Empty(), []).Should().BeTrue();
    }

    [Fact]
    public void IsConsistent_entries_from_every_operation_is_true()
    {
        var (account, entries) = AfterEveryKind();

        BalanceAccount.IsConsistent(account, entries).Should().BeTrue();
    }

    [Fact]
    public void IsConsistent_missing_entry_is_false()
    {
        var (account, entries) = AfterEveryKind();

        BalanceAccount.IsConsistent(account, entries.Skip(1)).Should().BeFalse();
    }

    [Fact]
    public void IsConsistent_tampered_amount_is_false()
    {
        var (account, entries) = AfterEveryKind();
        entries[1] = entries[1] with { Amount = entries[1].Amount + 1 };

        BalanceAccount.IsConsistent(account, entries).Should().BeFalse();
    }

    [Fact]
    public void IsConsistent_entry_of_another_account_is_false()
    {
        var (account, entries) = AfterEveryKind();
        var other = Accounts.With(available: 10);

        // A reserve and a void of the same amount cancel out, so only the account check can catch them.
        entries.Add(other.Reserve(10, "x", Given.Now).Value);
        entries.Add(other.Void(10, "x", Given.Now).Value);

        BalanceAccount.IsConsistent(account, entries).Should().BeFalse();
    }

    [Fact]
    public void IsConsistent_restored_balance_without_entries_is_false()
    {
        BalanceAccount.IsConsistent(Accounts.With(available: 10), []).Should().BeFalse();
    }

    [Fact]
    public void IsConsistent_huge_sums_do_not_wrap_around()
    {
        var account = Accounts.Empty();
        var credit = account.Credit(long.MaxValue, "a", Given.Now).Value;

        // Two max credits wrap to -2 in 64 bits; only exact sums can tell they do not add up.
        BalanceAccount.IsConsistent(account, [credit, credit, credit]).Should().BeFalse();
    }

    private static (BalanceAccount Account, List<LedgerEntry> Entries) AfterEveryKind()
    {
        var account = Accounts.Empty();
        List<LedgerEntry> entries =
        [
            account.Credit(1000, "deposit", Given.Now).Value,
            account.Reserve(600, "p1", Given.Now).Value,
            account.Post(200, "p1", Given.Now).Value,
            account.Void(100, "p1", Given.Now).Value,
            account.Reverse(200, "p1", Given.Now).Value,
        ];
        return (account, entries);
    }
}
