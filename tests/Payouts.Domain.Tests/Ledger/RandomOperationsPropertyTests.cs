using Payouts.Domain.Ledger;

namespace Payouts.Domain.Tests.Ledger;

/// <summary>
/// Property-style: thousands of seeded random operations, including refused ones, must keep
/// balances equal to the sum of the entries and never negative. Seeds are fixed so a failure replays.
/// </summary>
public class RandomOperationsPropertyTests
{
    private const int Operations = 5_000;

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20261121)]
    public void Random_operations_keep_balances_equal_to_entries_and_non_negative(int seed)
    {
        var random = new Random(seed);
        var account = Accounts.Empty();
        var entries = new List<LedgerEntry>();
        var refused = 0;

        for (var i = 0; i < Operations; i++)
        {
            var before = (account.Available, account.Reserved, account.Version);
            var kind = (EntryKind)random.Next(Enum.GetValues<EntryKind>().Length);

            // Mostly small amounts so that reserves and posts often fit, sometimes zero or too large to be refused.
            var amount = random.Next(10) == 0 ? random.NextInt64(-5, long.MaxValue) : random.NextInt64(0, 2_000);
            var result = InvalidAmountTests.Apply(account, kind, amount);

            if (result.IsSuccess)
            {
                entries.Add(result.Value);
                account.Version.Should().Be(before.Version + 1);
            }
            else
            {
                refused++;
                (account.Available, account.Reserved, account.Version).Should().Be(before, $"a refused {kind} of {amount} changes nothing");
            }

            account.Available.Should().BeGreaterThanOrEqualTo(0);
            account.Reserved.Should().BeGreaterThanOrEqualTo(0);
            BalanceAccount.IsConsistent(account, entries).Should().BeTrue($"after operation {i} ({kind} {amount})");
        }

        // Guard the generator itself: a run where everything succeeds or everything fails proves little.
        entries.Count.Should().BeGreaterThan(Operations / 4);
        refused.Should().BeGreaterThan(Operations / 20);
        entries.Select(e => e.Kind).Distinct().Should().HaveCount(5);
    }
}
