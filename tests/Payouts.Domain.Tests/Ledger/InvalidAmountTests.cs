using Payouts.Domain.Common;
using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

public class InvalidAmountTests
{
    public static TheoryData<EntryKind, long> NonPositiveAmounts()
    {
        var data = new TheoryData<EntryKind, long>();
        foreach (var kind in Enum.GetValues<EntryKind>())
        {
            data.Add(kind, 0);
            data.Add(kind, -1);
            data.Add(kind, long.MinValue);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonPositiveAmounts))]
    public void Operation_with_non_positive_amount_is_invalid_and_changes_nothing(EntryKind kind, long amount)
    {
        var account = Accounts.With(available: 1000, reserved: 1000);

        var result = Apply(account, kind, amount);

        result.Error.Should().BeEquivalentTo(new { Code = "ledger.invalid_amount", Kind = ErrorKind.Validation });
        (account.Available, account.Reserved, account.Version).Should().Be((1000L, 1000L, 7L));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Operation_without_reference_throws(string? reference)
    {
        FluentActions.Invoking(() => Accounts.Empty().Credit(1, reference!, Given.Now)).Should().Throw<ArgumentException>();
    }

    internal static Result<LedgerEntry> Apply(BalanceAccount account, EntryKind kind, long amount) => kind switch
    {
        EntryKind.Credit => account.Credit(amount, Accounts.Reference, Given.Now),
        EntryKind.Reserve => account.Reserve(amount, Accounts.Reference, Given.Now),
        EntryKind.Post => account.Post(amount, Accounts.Reference, Given.Now),
        EntryKind.Void => account.Void(amount, Accounts.Reference, Given.Now),
        EntryKind.Reversal => account.Reverse(amount, Accounts.Reference, Given.Now),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
