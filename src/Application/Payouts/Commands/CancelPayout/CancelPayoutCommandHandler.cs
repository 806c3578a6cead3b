using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Commands.CancelPayout;

/// <summary>
/// A payout can be cancelled until the dispatcher starts sending it. Both decide in the writer's order, so
/// either the cancel lands first (the dispatcher then finds it cancelled and sends nothing) or the send
/// does (the cancel is then refused): never both. Cancelling twice answers with the cancelled payout.
/// </summary>
internal sealed class CancelPayoutCommandHandler(IUnitOfWork unitOfWork, HostedFormLinks links, TimeProvider clock) : ICommandHandler<CancelPayoutCommand, PayoutView>
{
    public Task<Result<PayoutView>> Handle(CancelPayoutCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(session => Cancel(session, command, now), cancellationToken);
    }

    private Result<PayoutView> Cancel(IWriteSession session, CancelPayoutCommand command, DateTimeOffset now)
    {
        if (!PublicPayoutIds.TryParse(command.Id, out var id)
            || session.MerchantPayouts.Find(id) is not { } details || details.MerchantId != command.MerchantId
            || session.Payouts.Find(new PayoutId(id)) is not { } payout)
        {
            return PayoutErrors.NotFound(command.Id);
        }

        var dispatch = session.Dispatches.Find(id);
        if (dispatch is { Stage: not (DispatchStage.Submit or DispatchStage.Done) } && payout.Status != PayoutStatus.Cancelled)
        {
            return Error.Precondition("payout.already_sent", "The payout has already been sent to the provider and can no longer be cancelled.");
        }

        var version = payout.Version;
        var cancelled = payout.Cancel(now);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error;
        }

        if (payout.Version != version)
        {
            session.MerchantPayouts.CloseForm(id, now);
            if (dispatch is not null)
            {
                session.Dispatches.Save(dispatch.Then(DispatchStage.Done, null, now));
            }
        }

        return PayoutView.Of(payout, details, links.UrlFor(id));
    }
}
