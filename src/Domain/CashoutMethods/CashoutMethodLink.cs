using Payouts.Domain.Payouts;

namespace Payouts.Domain.CashoutMethods;

/// <summary>A user's payout method at one provider; only a <see cref="LinkStatus.Linked"/> one can receive cashouts.</summary>
/// <param name="Reference">The provider's account to pay to (PayPal payer id, Payoneer payee id, Tipalti idap).</param>
/// <param name="LinkNonce">The nonce of the link in progress: its callback is accepted once, and only while this matches.</param>
public sealed record CashoutMethodLink(string OwnerId, Provider Provider, LinkStatus Status, string? Reference, DateTimeOffset UpdatedAt, string? LinkNonce = null);
