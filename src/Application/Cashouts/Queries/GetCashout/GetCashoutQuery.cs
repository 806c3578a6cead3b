using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Cashouts.Queries.GetCashout;

public sealed record GetCashoutQuery(string CallerId, long CashoutId) : IQuery<CashoutView>;
