using Payouts.Application.Balances;
using Payouts.Application.Cashouts;
using Payouts.Application.Common.Messaging;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Application.Balances.Queries.GetBalance;

internal sealed class GetBalanceQueryHandler(IBalanceReader reader, CashoutPolicy policy) : IQueryHandler<GetBalanceQuery, BalanceView>
{
    public async Task<Result<BalanceView>> Handle(GetBalanceQuery query, CancellationToken cancellationToken)
    {
        var code = query.Currency.Length > 0 ? query.Currency : policy.DefaultCurrency;
        var currency = Currency.From(code);
        if (!currency.IsSuccess)
        {
            return currency.Error;
        }

        // A user who was never credited has a zero balance, not a missing one.
        return await reader.FindAsync(query.CallerId, currency.Value.Code, cancellationToken)
            ?? new BalanceView(0, 0, currency.Value.Code);
    }
}
