using Payouts.Application.Common.Messaging;
using Payouts.Domain.Common;

namespace Payouts.Application.Cashouts.Queries.ListCashouts;

/// <summary>
/// Keyset paging on the time-ordered id: the token is the last id of the previous page, so cashouts
/// created meanwhile neither repeat nor shift a page.
/// </summary>
internal sealed class ListCashoutsQueryHandler(ICashoutReader reader) : IQueryHandler<ListCashoutsQuery, CashoutPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<Result<CashoutPage>> Handle(ListCashoutsQuery query, CancellationToken cancellationToken)
    {
        if (query.PageSize is < 0 or > MaxPageSize)
        {
            return Error.Validation("cashout.invalid_page_size", "Invalid page size",
                new FieldViolation("page_size", $"must be between 1 and {MaxPageSize} (0 means {DefaultPageSize})"));
        }

        if (!PageToken.TryRead(query.PageToken, out var beforeId))
        {
            return Error.Validation("cashout.invalid_page_token", "Invalid page token",
                new FieldViolation("page_token", "must be a next_page_token from a previous response"));
        }

        var size = query.PageSize == 0 ? DefaultPageSize : query.PageSize;
        var rows = await reader.ListAsync(query.CallerId, beforeId, size + 1, cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? PageToken.After(page[^1].Id) : "";
        return new CashoutPage(page, next);
    }
}
