using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

/// <summary>Seed 001's "default webhook": where a merchant's payout events go when a payout names no webhookUrl. Empty clears it.</summary>
public sealed record SetDefaultWebhookUrlCommand(string MerchantId, string Url) : ICommand<bool>;
