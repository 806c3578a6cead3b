using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Merchants.Commands.CreateMerchantToken;

/// <summary>Creates a merchant token; the result is the only time the token itself is seen.</summary>
/// <param name="Mode">"test" or "live": part of the token, so a test token is recognisable at a glance.</param>
public sealed record CreateMerchantTokenCommand(string MerchantId, IReadOnlyList<string> Permissions, string Mode) : ICommand<CreatedMerchantToken>;

public sealed record CreatedMerchantToken(string Id, string Token);
