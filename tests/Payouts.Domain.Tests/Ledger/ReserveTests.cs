using Payouts.Domain.Common;
using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

public class ReserveTests
{
    [Fact]
    public void Reserve_moves_available_to_reserved()
    {
        var account = Accounts.With(available: 1000);

        var entry = account.Reserve(400, Accounts.Reference, Given.Now).Value;

        (account.Available, account.Reserved, account.Version).Should().Be((600L, 400L, 8L));
        entry.Should().BeEquivalentTo(new { AccountId = account.Id, Kind = EntryKind.Reserve, Amount = 400L, Reference = Accounts.Reference });
    }

    [Fact]
    public void Reserve_all_available_leaves_zero()
    {
        var account = Accounts.With(available: 1000);

        account.Reserve(1000, Accounts.Reference, Given.Now).IsSuccess.Should().BeTrue();
        (account.Available, account.Reserved).Should().Be((0L, 1000L));
    }

    [Fact]
    public void Reserve_more_than_available_is_insufficient_balance_and_changes_nothing()
    {
        var account = Accounts.With(available: 1000, reserved: 5000);

        var result = account.Reserve(1001, Accounts.Reference, Given.Now);

        result.Error.Should().BeEquivalentTo(new
        {
            Code = "ledger.insufficient_balance",
            Message = "Insufficient balance",
            Kind = ErrorKind.Precondition,
        });
        (account.Available, account.Reserved, account.Version).Should().Be((1000L, 5000L, 7L));
    }

    [Fact]
    public void Reserve_on_empty_account_is_insufficient_balance()
    {
        Accounts.Empty().Reserve(1, Accounts.Reference, Given.Now).Error.Code.Should().Be("ledger.insufficient_balance");
    }

    [Fact]
    public void Reserve_pushing_reserved_past_long_max_is_overflow()
    {
        var account = Accounts.With(available: 10, reserved: long.MaxValue - 5);

        account.Reserve(10, Accounts.Reference, Given.Now).Error.Code.Should().Be("ledger.overflow");
        (account.Available, account.Reserved).Should().Be((10L, long.MaxValue - 5));
    }
}
