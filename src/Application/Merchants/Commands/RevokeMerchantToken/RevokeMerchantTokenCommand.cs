using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Merchants.Commands.RevokeMerchantToken;

/// <summary>Revokes a token by its id: from the next request on, it authenticates nothing.</summary>
public sealed record RevokeMerchantTokenCommand(string TokenId) : ICommand<bool>;
