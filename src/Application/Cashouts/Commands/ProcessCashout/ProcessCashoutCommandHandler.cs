using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Domain.Amounts;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>
/// Creates the cashout and reserves the amount on the caller's balance in one unit of work, so, as seed
/// 000 requires, the cashout exists only if the balance moved. An outbox message in the same unit hands
/// the cashout to the dispatcher.
/// </summary>
internal sealed class ProcessCashoutCommandHandler(
    IValidator<ProcessCashoutCommand, ParsedCashout> validator, IUnitOfWork unitOfWork, TimeProvider clock, DispatchSignal dispatch)
    : ValidatedHandler<ProcessCashoutCommand, ParsedCashout, CashoutProcessed>(validator)
{
    protected override async Task<Result<CashoutProcessed>> HandleAsync(ProcessCashoutCommand command, ParsedCashout cashout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        var outcome = await unitOfWork.ExecuteAsync(
            session => Reserve(session, command, cashout, now), PendingIdempotencyRecord.For(command, now), owner: command.CallerId, cancellationToken);
        if (outcome.IsSuccess)
        {
            dispatch.Wake();
        }

        return !outcome.IsSuccess && outcome.Error == TransientErrors.StorageWriteFailed ? TransientErrors.BalanceNotDeducted : outcome;
    }

    private static Result<CashoutProcessed> Reserve(IWriteSession session, ProcessCashoutCommand command, ParsedCashout request, DateTimeOffset now)
    {
        // The reservation reads the caller's balance (PayoutLedger): on PostgreSQL that read goes with the method's.
        session.Ledger.ReadAhead(command.CallerId, request.Amount.Currency);
        if (session.CashoutMethods.Find(command.CallerId, request.Provider) is not { Status: LinkStatus.Linked } method)
        {
            return Error.Precondition("cashout.method_not_linked",
                $"No linked {ProviderNames.Of(request.Provider)} cashout method: link one with LinkService.LinkCashoutMethod first.");
        }

        // The id is taken inside the unit, as it runs: on SQLite's one writer ids commit in order; on PostgreSQL only
        // transactions running at the same moment may commit out of id order, which ListCashouts' keyset allows (ADR-010).
        // After the read, which on PostgreSQL carries its group's start: the ids that drew make this no round trip.
        var id = session.Payouts.NextId();

        // Its PayoutCreated event reserves the amount in this unit; a short balance fails the unit, and no cashout exists.
        var cashout = Payout.CreateCashout(id, command.CallerId, request.Amount, request.Provider, now);
        session.Payouts.Add(cashout);
        session.Outbox.Add(PayoutMessages.Created(cashout, method.Reference, now));
        return new CashoutProcessed(id.Value, request.Amount.Minor, request.Amount.Currency.Code, command.Type, CashoutView.StatusWord(cashout.Status));
    }
}
