using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods;

/// <summary>A user's method at one provider, as ListCashoutMethods shows it.</summary>
public sealed record CashoutMethodView(Provider Provider, LinkStatus Status, string? AccountId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public interface ICashoutMethodReader
{
    Task<IReadOnlyList<CashoutMethodView>> ListAsync(string ownerId, CancellationToken cancellationToken);
}
