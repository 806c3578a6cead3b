using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Payouts.Commands.CancelPayout;

/// <summary>Cancels a merchant payout that no provider has been asked to pay; its reservation is voided.</summary>
public sealed record CancelPayoutCommand(string MerchantId, string Id) : ICommand<PayoutView>;
