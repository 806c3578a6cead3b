using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Cashouts.Queries.ListCashouts;

/// <summary>The caller's cashouts, newest first, a page at a time.</summary>
public sealed record ListCashoutsQuery(string CallerId, int PageSize, string PageToken) : IQuery<CashoutPage>;

public sealed record CashoutPage(IReadOnlyList<CashoutView> Cashouts, string NextPageToken);
