using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Balances.Queries.GetBalance;

/// <summary>The caller's balance in one currency (the default one when none is named).</summary>
public sealed record GetBalanceQuery(string CallerId, string Currency) : IQuery<BalanceView>;

public sealed record BalanceView(long Available, long Reserved, string Currency);

/// <summary>Read side of balances.</summary>
public interface IBalanceReader
{
    Task<BalanceView?> FindAsync(string ownerId, string currency, CancellationToken cancellationToken);
}
