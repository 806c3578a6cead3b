using Payouts.Domain.Common;
using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

public class PostAndVoidTests
{
    [Fact]
    public void Post_removes_reserved_for_good()
    {
        var account = Accounts.With(available: 100, reserved: 1000);

        var entry = account.Post(1000, Accounts.Reference, Given.Now).Value;

        (account.Available, account.Reserved, account.Version).Should().Be((100L, 0L, 8L));
        entry.Kind.Should().Be(EntryKind.Post);
    }

    [Fact]
    public void Void_returns_reserved_to_available()
    {
        var account = Accounts.With(available: 100, reserved: 1000);

        var entry = account.Void(400, Accounts.Reference, Given.Now).Value;

        (account.Available, account.Reserved, account.Version).Should().Be((500L, 600L, 8L));
        entry.Kind.Should().Be(EntryKind.Void);
    }

    [Fact]
    public void Post_more_than_reserved_is_reservation_exceeded_and_changes_nothing()
    {
        var account = Accounts.With(available: 5000, reserved: 1000);

        var result = account.Post(1001, Accounts.Reference, Given.Now);

        result.Error.Should().BeEquivalentTo(new { Code = "ledger.reservation_exceeded", Kind = ErrorKind.Conflict });
        (account.Available, account.Reserved, account.Version).Should().Be((5000L, 1000L, 7L));
    }

    [Fact]
    public void Void_more_than_reserved_is_reservation_exceeded_and_changes_nothing()
    {
        var account = Accounts.With(available: 5000, reserved: 1000);

        var result = account.Void(1001, Accounts.Reference, Given.Now);

        result.Error.Should().BeEquivalentTo(new { Code = "ledger.reservation_exceeded", Kind = ErrorKind.Conflict });
        (account.Available, account.Reserved, account.Version).Should().Be((5000L, 1000L, 7L));
    }

    [Fact]
    public void Void_pushing_available_past_long_max_is_overflow()
    {
        var account = Accounts.With(available: long.MaxValue, reserved: 10);

        account.Void(10, Accounts.Reference, Given.Now).Error.Code.Should().Be("ledger.overflow");
        (account.Available, account.Reserved).Should().Be((long.MaxValue, 10L));
    }

    [Fact]
    public void Reserve_then_post_then_reverse_is_a_returned_payout()
    {
        var account = Accounts.With(available: 1000);

        account.Reserve(700, Accounts.Reference, Given.Now);
        account.Post(700, Accounts.Reference, Given.Now);
        account.Reverse(700, Accounts.Reference, Given.Later);

        (account.Available, account.Reserved, account.Version).Should().Be((1000L, 0L, 10L));
    }
}
