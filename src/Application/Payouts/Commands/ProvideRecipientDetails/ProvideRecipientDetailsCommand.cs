using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;

namespace Payouts.Application.Payouts.Commands.ProvideRecipientDetails;

/// <summary>
/// The recipient submits the hosted form: the method chosen and its fields, under seed 003's names. Only the
/// chosen method's fields are read; the others are whatever the page sent (usually empty) and are ignored.
/// The form token is the only credential; the payout it names proceeds to dispatch.
/// </summary>
/// <param name="Token">The form token from the link, "pay_&lt;id&gt;.&lt;mac&gt;".</param>
/// <param name="Method">One of <see cref="RecipientMethods"/>' ids.</param>
/// <param name="Email">The PayPal account's e-mail address, for <see cref="RecipientMethods.PayPalEmail"/>.</param>
public sealed record ProvideRecipientDetailsCommand(
    string Token,
    string Method,
    string Country,
    string DocumentType,
    string DocumentId,
    string BeneficiaryName,
    string BeneficiaryLastName,
    string BankAccount,
    string AccountType,
    string Email) : ICommand<RecipientDetailsAccepted>
{
    /// <summary>Personal data: never printed, should a command end up in a log or an assertion message.</summary>
    public override string ToString() => $"{nameof(ProvideRecipientDetailsCommand)} {{ Method = {Method} }}";
}

/// <summary>The details were taken and the payout handed to the dispatcher.</summary>
/// <param name="PayoutId">The public id, "pay_&lt;id&gt;".</param>
/// <param name="RedirectTo">The merchant's redirectUrl carrying payout_id, or null when the merchant gave none.</param>
public sealed record RecipientDetailsAccepted(string PayoutId, Uri? RedirectTo);
