using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>
/// Reserves the amount on the caller's balance and creates the cashout in one unit of work, as seed
/// 000 orders it: the balance moves first, and the cashout exists only if it did. An outbox message
/// in the same unit hands the cashout to the dispatcher.
/// </summary>
internal sealed class ProcessCashoutCommandHandler(IUnitOfWork unitOfWork, IIdGenerator ids, CashoutPolicy policy, TimeProvider clock, DispatchSignal dispatch)
    : ICommandHandler<ProcessCashoutCommand, CashoutProcessed>
{
    public async Task<Result<CashoutProcessed>> Handle(ProcessCashoutCommand command, CancellationToken cancellationToken)
    {
        var currency = Currency.From(command.Currency.Length > 0 ? command.Currency : policy.DefaultCurrency).Value;
        var amount = Money.FromMinor(command.Amount!.Value, currency);
        var now = clock.GetUtcNow();

        // The id is taken on the writer, inside the unit, so ids commit in order and ListCashouts' keyset never skips one.
        var outcome = await unitOfWork.ExecuteAsync(session => Reserve(session, command, new PayoutId(ids.Next()), amount, now), cancellationToken);
        if (outcome.IsSuccess)
        {
            dispatch.Wake();
        }

        return !outcome.IsSuccess && outcome.Error == TransientErrors.StorageWriteFailed ? TransientErrors.BalanceNotDeducted : outcome;
    }

    private static Result<CashoutProcessed> Reserve(IWriteSession session, ProcessCashoutCommand command, PayoutId id, Money amount, DateTimeOffset now)
    {
        var provider = command.EffectiveProvider;
        if (session.FindCashoutMethod(command.CallerId, provider) is not { Status: CashoutMethodLink.Linked } method)
        {
            return Error.Precondition("cashout.method_not_linked",
                $"No linked {provider} cashout method: link one with LinkService.LinkCashoutMethod first.");
        }

        // Never credited means a zero balance: the ledger itself then refuses the reservation.
        var account = session.FindAccount(command.CallerId, amount.Currency)
            ?? BalanceAccount.Open(Guid.NewGuid(), command.CallerId, amount.Currency);
        var version = account.Version;
        var reservation = account.Reserve(amount.Minor, id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        if (!reservation.IsSuccess)
        {
            return reservation.Error;
        }

        session.UpdateAccount(account, version);
        session.AddEntry(reservation.Value);
        var cashout = Payout.CreateCashout(id, command.CallerId, amount, provider, command.Type, now);
        session.AddPayout(cashout);
        session.AddOutboxMessage(PayoutMessages.Created(cashout, method.Reference, now));
        return new CashoutProcessed(id.Value, amount.Minor, amount.Currency.Code, command.Type, "pending");
    }
}
