using Payouts.Application.Common.Messaging;
using Payouts.Domain.Common;

namespace Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;

internal sealed class ListCashoutMethodsQueryHandler(ICashoutMethodReader reader) : IQueryHandler<ListCashoutMethodsQuery, IReadOnlyList<CashoutMethodView>>
{
    public async Task<Result<IReadOnlyList<CashoutMethodView>>> Handle(ListCashoutMethodsQuery query, CancellationToken cancellationToken) =>
        Result<IReadOnlyList<CashoutMethodView>>.Success(await reader.ListAsync(query.CallerId, cancellationToken));
}
