using Payouts.Application.Common.Messaging;

namespace Payouts.Application.CashoutMethods.Queries.ListCashoutMethods;

/// <summary>The caller's methods, one per provider, in every status.</summary>
public sealed record ListCashoutMethodsQuery(string CallerId) : IQuery<IReadOnlyList<CashoutMethodView>>;
