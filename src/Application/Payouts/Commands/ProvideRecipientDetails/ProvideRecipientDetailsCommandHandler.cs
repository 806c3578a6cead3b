using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Commands.ProvideRecipientDetails;

/// <summary>
/// Takes the recipient's details and hands the payout to the dispatcher. The checks (open, unused, unexpired),
/// the status change, the spent form and the outbox message are one unit of work on the single writer, so two
/// submissions of one link cannot both pass: the second finds the form used.
/// </summary>
internal sealed class ProvideRecipientDetailsCommandHandler(
    IValidator<ProvideRecipientDetailsCommand, ChosenRecipient> validator, IUnitOfWork unitOfWork, HostedFormLinks links, PayoutPolicy policy,
    TimeProvider clock, DispatchSignal dispatch)
    : ValidatedHandler<ProvideRecipientDetailsCommand, ChosenRecipient, RecipientDetailsAccepted>(validator)
{
    public const string RedirectParameter = "payout_id";

    protected override async Task<Result<RecipientDetailsAccepted>> HandleAsync(
        ProvideRecipientDetailsCommand command, ChosenRecipient chosen, CancellationToken cancellationToken)
    {
        if (links.PayoutIdOf(command.Token) is not { } id)
        {
            return HostedFormErrors.NotFound;
        }

        var recipient = RecipientCodec.Encode(chosen.Recipient);
        var now = clock.GetUtcNow();

        var accepted = await unitOfWork.ExecuteAsync(session => Accept(session, id, chosen.Method.Provider, recipient, now), cancellationToken);
        if (accepted.IsSuccess)
        {
            dispatch.Wake();
        }

        return accepted;
    }

    private Result<RecipientDetailsAccepted> Accept(IWriteSession session, long id, Provider provider, string recipient, DateTimeOffset now)
    {
        if (session.Payouts.Find(new PayoutId(id)) is not { } payout || session.MerchantPayouts.Find(id) is not { } details)
        {
            return HostedFormErrors.NotFound;
        }

        // A double-click sends the same details twice: the second answer is the first one's, not "already used".
        if (details.FormUsedAt is not null && details.Destination == recipient && payout.Status != PayoutStatus.Cancelled)
        {
            return new RecipientDetailsAccepted(PublicPayoutIds.Format(id), RedirectTarget(details.RedirectUrl, id));
        }

        if (HostedFormErrors.Check(payout, details, now) is { } closed)
        {
            return closed;
        }

        if (!policy.Pays(provider, payout.Amount.Currency.Code))
        {
            return Error.Validation("hosted_form.method_unavailable", "Some details need correcting.",
                new FieldViolation(ProvideRecipientDetailsCommandValidator.MethodField, $"This payout in {payout.Amount.Currency.Code} cannot be paid this way. Choose another method."));
        }

        var provided = payout.ProvideRecipientDetails(provider, now);
        if (!provided.IsSuccess)
        {
            return provided.Error;
        }

        session.MerchantPayouts.CompleteForm(id, recipient, now);
        session.Outbox.Add(PayoutMessages.Created(payout, recipient, now));
        return new RecipientDetailsAccepted(PublicPayoutIds.Format(id), RedirectTarget(details.RedirectUrl, id));
    }

    /// <summary>The merchant's URL with payout_id added; its own query and fragment are kept, a payout_id of its own replaced.</summary>
    internal static Uri? RedirectTarget(Uri? redirectUrl, long id)
    {
        if (redirectUrl is null)
        {
            return null;
        }

        var builder = new UriBuilder(redirectUrl);
        var kept = builder.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => pair != RedirectParameter && !pair.StartsWith(RedirectParameter + "=", StringComparison.Ordinal));
        builder.Query = string.Join('&', [.. kept, RedirectParameter + "=" + Uri.EscapeDataString(PublicPayoutIds.Format(id))]);
        return builder.Uri;
    }
}
