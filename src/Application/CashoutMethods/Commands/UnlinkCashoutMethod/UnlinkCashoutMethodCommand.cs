using Payouts.Application.Common.Messaging;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;

/// <summary>Seed 000's POST /cashout/unlink: only Payoneer can be unlinked.</summary>
public sealed record UnlinkCashoutMethodCommand(string CallerId, string Provider) : ICommand<CashoutUnlinked>;

public sealed record CashoutUnlinked(string Message, Provider Provider);
