using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Balances.Queries.GetBalance;

/// <summary>The caller's balance in one currency (the default one when none is named).</summary>
public sealed record GetBalanceQuery(string CallerId, string Currency) : IQuery<BalanceView>;
