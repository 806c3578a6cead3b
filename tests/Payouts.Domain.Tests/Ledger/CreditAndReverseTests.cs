using Payouts.Domain.Common;
using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

public class CreditAndReverseTests
{
    [Fact]
    public void Credit_adds_to_available_and_returns_the_entry()
    {
        var account = Accounts.Empty();

        var entry = account.Credit(1000, "deposit-1", Given.Now).Value;

        (account.Available, account.Reserved, account.Version).Should().Be((1000L, 0L, 1L));
        entry.Should().BeEquivalentTo(new
        {
            AccountId = account.Id,
            Kind = EntryKind.Credit,
            Amount = 1000L,
            Reference = "deposit-1",
            CreatedAt = Given.Now,
        });
        entry.Id.Should().NotBeEmpty();
    }

    [Fact]
    public void Reverse_adds_to_available_and_leaves_reserved()
    {
        var account = Accounts.With(available: 100, reserved: 50);

        var entry = account.Reverse(1000, "payout-1", Given.Now).Value;

        (account.Available, account.Reserved, account.Version).Should().Be((1100L, 50L, 8L));
        entry.Kind.Should().Be(EntryKind.Reversal);
    }

    [Fact]
    public void Credit_past_long_max_is_overflow_and_changes_nothing()
    {
        var account = Accounts.With(available: long.MaxValue - 1);

        var result = account.Credit(2, "deposit-1", Given.Now);

        result.Error.Should().BeEquivalentTo(new { Code = "ledger.overflow", Kind = ErrorKind.Precondition });
        (account.Available, account.Version).Should().Be((long.MaxValue - 1, 7L));
    }

    [Fact]
    public void Reverse_past_long_max_is_overflow()
    {
        var account = Accounts.With(available: long.MaxValue);

        account.Reverse(1, Accounts.Reference, Given.Now).Error.Code.Should().Be("ledger.overflow");
        account.Available.Should().Be(long.MaxValue);
    }

    [Fact]
    public void Credit_up_to_long_max_exactly_succeeds()
    {
        var account = Accounts.With(available: long.MaxValue - 1);

        account.Credit(1, "deposit-1", Given.Now).IsSuccess.Should().BeTrue();
        account.Available.Should().Be(long.MaxValue);
    }

    [Fact]
    public void Entries_have_distinct_time_ordered_ids()
    {
        var account = Accounts.Empty();

        var first = account.Credit(1, "a", Given.Now).Value;
        var second = account.Credit(1, "b", Given.Later).Value;

        second.Id.Should().NotBe(first.Id);
        second.Id.CompareTo(first.Id).Should().BePositive();
    }
}
