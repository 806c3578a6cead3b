using Payouts.Application.Common.Messaging;
using Payouts.Domain.Common;

namespace Payouts.Application.Cashouts.Queries.GetCashout;

/// <summary>Someone else's cashout is NOT_FOUND too: its existence is not the caller's to know.</summary>
internal sealed class GetCashoutQueryHandler(ICashoutReader reader) : IQueryHandler<GetCashoutQuery, CashoutView>
{
    public async Task<Result<CashoutView>> Handle(GetCashoutQuery query, CancellationToken cancellationToken) =>
        await reader.FindAsync(query.CallerId, query.CashoutId, cancellationToken) is { } cashout
            ? cashout
            : Error.NotFound("cashout.not_found", $"Cashout {query.CashoutId} not found.");
}
