using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Payouts.Queries.GetPayout;

/// <summary>Seed 001's GET /api/payments/:id: one of the merchant's own payouts.</summary>
public sealed record GetPayoutQuery(string MerchantId, string Id) : IQuery<PayoutView>;
