using Payouts.Application.Common.Persistence;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Events;

/// <summary>
/// What a payout's domain events cause, run by the unit of work for every payout it saves, inside the same
/// unit (ADR-006): the ledger move of each event in the order raised, then one webhook with the state the
/// merchant's payout ended the unit in. A use case only calls the transition, so it cannot commit a status
/// without its money or its webhook; a move that fails fails the unit, and the status change is undone with it.
/// </summary>
public sealed class PayoutEventDispatcher(WebhookEvents webhooks)
{
    public Result Dispatch(IWriteSession session, Payout payout)
    {
        if (payout.DomainEvents.Count == 0)
        {
            return Result.Success;
        }

        foreach (var domainEvent in payout.DomainEvents)
        {
            var moved = PayoutLedger.Move(session.Ledger, domainEvent);
            if (!moved.IsSuccess)
            {
                return moved;
            }
        }

        MerchantWebhooks.Queue(session, webhooks, payout);
        payout.ClearDomainEvents();
        return Result.Success;
    }
}
