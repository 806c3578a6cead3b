using Payouts.Application.Common.Persistence;
using Payouts.Application.Webhooks;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Events;

/// <summary>
/// Which status changes of a merchant payout the merchant hears about (processing, and every final status),
/// and what the event says. <see cref="PayoutEventDispatcher"/> queues it once for each payout a unit of work
/// changed, with the state the unit left it in, so an event exists exactly when its change was committed; the
/// payout's version is the event's sequence. The payout's webhookUrl wins over the merchant's default; with
/// neither, the merchant polls.
/// </summary>
internal static class MerchantWebhooks
{
    public static void Queue(IWriteSession session, WebhookEvents webhooks, Payout payout)
    {
        if (payout.Kind != PayoutKind.MerchantPayout || EventTypeOf(payout.Status) is not { } type
            || session.MerchantPayouts.Find(payout.Id.Value) is not { } details
            || (details.WebhookUrl ?? session.Merchants.FindDefaultWebhookUrl(details.MerchantId)) is not { } url)
        {
            return;
        }

        webhooks.Queue(session.Webhooks, details.MerchantId, payout.Id, payout.Version, type, url, new
        {
            id = PublicPayoutIds.Format(payout.Id.Value),
            status = payout.State.ToString().ToLowerInvariant(),
            initiationStatus = SeedStatusNames.Of(payout.Status),
            amount = payout.Amount.ToDecimalString(),
            currency = payout.Amount.Currency.Code,
            externalId = details.ExternalId,
            failureReason = payout.FailureReason,
        });
    }

    private static string? EventTypeOf(PayoutStatus status) => status switch
    {
        PayoutStatus.InitiationProcessing => WebhookEvents.Processing,
        PayoutStatus.InitiationCompleted => WebhookEvents.Succeeded,
        PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Returned => WebhookEvents.Failed,
        PayoutStatus.Cancelled => WebhookEvents.Cancelled,
        _ => null,
    };
}
