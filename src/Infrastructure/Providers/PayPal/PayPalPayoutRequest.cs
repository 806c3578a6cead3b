using System.Globalization;
using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// One payout as a PayPal batch of one item, checked against PayPal's limits (PROVIDERS.md 1.2) before it is sent:
/// a payout PayPal would refuse is refused here, naming our field.
/// </summary>
internal static class PayPalPayoutRequest
{
    private const int MaxReceiverLength = 127;
    private const int MaxAsciiNoteLength = 4000;
    private const int MaxNonAsciiNoteLength = 1000;

    public static (CreatePayoutRequest? Request, SubmitOutcome.Refused? Refusal) From(PayoutInstruction payout)
    {
        var (recipientType, receiver) = payout.Recipient switch
        {
            ProviderAccount account => ("PAYPAL_ID", account.AccountId),
            EmailAddress email => ("EMAIL", email.Email),
            _ => ("", ""),
        };
        if (recipientType.Length == 0)
        {
            return Refuse("recipient", "PayPal pays to a linked PayPal account (payer_id) or an e-mail address.");
        }

        if (string.IsNullOrWhiteSpace(receiver) || receiver.Length > MaxReceiverLength || receiver.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Refuse("recipient", $"A PayPal receiver is 1 to {MaxReceiverLength} characters without spaces.");
        }

        if (payout.Amount.Minor <= 0)
        {
            return Refuse("amount", "PayPal pays only positive amounts.");
        }

        var description = payout.Description;
        var noteLimit = description.All(char.IsAscii) ? MaxAsciiNoteLength : MaxNonAsciiNoteLength;
        if (description.Length > noteLimit)
        {
            return Refuse("description", $"PayPal's item note holds at most {noteLimit} characters of this text.");
        }

        // Our payout id is both the batch's and the item's reference: sender_batch_id is what PayPal deduplicates on.
        var reference = payout.PayoutId.ToString(CultureInfo.InvariantCulture);
        var item = new PayoutItemRequest(
            recipientType,
            new PayPalAmount(payout.Amount.Currency.Code, payout.Amount.ToDecimalString()),
            receiver,
            reference,
            description.Length == 0 ? null : description);
        return (new CreatePayoutRequest(new SenderBatchHeader(reference), [item]), null);
    }

    private static (CreatePayoutRequest?, SubmitOutcome.Refused?) Refuse(string field, string reason) =>
        (null, new SubmitOutcome.Refused(field, reason));
}
