using Payouts.Application.Common.Messaging;
using Payouts.Domain.Common;

namespace Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;

/// <summary>The caller's methods, one per provider, in every status.</summary>
public sealed record ListCashoutMethodsQuery(string CallerId) : IQuery<IReadOnlyList<CashoutMethodView>>;

internal sealed class ListCashoutMethodsQueryHandler(ICashoutMethodReader reader) : IQueryHandler<ListCashoutMethodsQuery, IReadOnlyList<CashoutMethodView>>
{
    public async Task<Result<IReadOnlyList<CashoutMethodView>>> Handle(ListCashoutMethodsQuery query, CancellationToken cancellationToken) =>
        Result<IReadOnlyList<CashoutMethodView>>.Success(await reader.ListAsync(query.CallerId, cancellationToken));
}
