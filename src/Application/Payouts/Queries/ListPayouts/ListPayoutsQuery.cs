using Payouts.Application.Common.Messaging;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

/// <summary>Seed 002's GET /payouts, as the merchant sent it (dates as YYYY-MM-DD text, ids as "pay_..." text).</summary>
public sealed record ListPayoutsQuery(
    string MerchantId,
    int Limit,
    string Offset,
    string StartDate,
    string EndDate,
    IReadOnlyList<string> Ids,
    bool InvertIds,
    IReadOnlyList<PayoutStatus> Statuses,
    bool InvertStatuses,
    IReadOnlyList<string> RefIds,
    string OnBehalfOfId) : IQuery<PayoutPage>;

/// <param name="NextOffset">The cursor for the next page; empty when this page was the last (fewer than the limit).</param>
public sealed record PayoutPage(IReadOnlyList<PayoutView> Payouts, int Limit, string NextOffset);
