using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>
/// Seed 000's POST /cashout/process: move <see cref="Amount"/> minor units of the caller's balance
/// into a new cashout. <see cref="Type"/> names the cashout method and <see cref="Provider"/> the
/// provider paying it; today every method is paid by the provider of the same name, so an empty
/// provider means the type's, and a different one is refused.
/// </summary>
public sealed record ProcessCashoutCommand(
    string CallerId,
    string Type,
    long? Amount,
    string Provider,
    string Currency,
    string? IdempotencyKey) : ICommand<CashoutProcessed>, IIdempotentCommand
{
    /// <summary>The provider that pays: the given one, or the type's when none is given.</summary>
    public string EffectiveProvider => string.IsNullOrEmpty(Provider) ? Type : Provider;
}

/// <summary>
/// Seed 000's response data in its own words (the type as sent, <see cref="CashoutView.StatusWord"/>); the transport
/// adds its fixed message. Kept as stored for idempotent replays, so its shape and words never change.
/// </summary>
public sealed record CashoutProcessed(long CashoutId, long Amount, string Currency, string Type, string Status);
