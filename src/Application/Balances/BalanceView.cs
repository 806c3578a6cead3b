namespace Payouts.Application.Balances;

public sealed record BalanceView(long Available, long Reserved, string Currency);

/// <summary>Read side of balances.</summary>
public interface IBalanceReader
{
    Task<BalanceView?> FindAsync(string ownerId, string currency, CancellationToken cancellationToken);
}
