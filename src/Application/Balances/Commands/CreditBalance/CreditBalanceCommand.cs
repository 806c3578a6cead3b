using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;

namespace Payouts.Application.Balances.Commands.CreditBalance;

/// <summary>
/// An internal caller credits a user's earnings. <see cref="Reference"/> is the caller's own id for
/// the credit: the same reference credits once, whatever the idempotency key.
/// </summary>
public sealed record CreditBalanceCommand(
    string CallerId,
    string UserId,
    long Amount,
    string Currency,
    string Reference,
    string? IdempotencyKey) : ICommand<BalanceCredited>, IIdempotentCommand;

public sealed record BalanceCredited(string Reference, bool AlreadyApplied, long Available, string Currency);
