using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.HostedForm;

/// <summary>
/// Whether a payout's hosted form still takes details, and what the recipient is told when it does not.
/// Both the page and the submission ask here, so they can never disagree. The messages are shown as they are.
/// </summary>
public static class HostedFormErrors
{
    /// <summary>Unknown or forged token, or not a merchant payout: nothing about the payout is disclosed.</summary>
    public static readonly Error NotFound = Error.NotFound("hosted_form.not_found", "This payout link is not valid.");

    public static readonly Error Used = Error.Precondition("hosted_form.used", "This payout link has already been used.");

    public static readonly Error Expired = Error.Precondition("hosted_form.expired", "This payout link has expired.");

    public static readonly Error Cancelled = Error.Precondition("hosted_form.cancelled", "This payout has been cancelled, so no details are needed.");

    private static readonly HashSet<string> ClosedCodes = [Used.Code, Expired.Code, Cancelled.Code];

    /// <summary>The link was real but is closed for good (HTTP 410), as opposed to never having existed.</summary>
    public static bool IsClosed(Error error) => ClosedCodes.Contains(error.Code);

    /// <summary>Null while the form takes details; otherwise why not. Cancelled wins: it is the payout's final word.</summary>
    public static Error? Check(Payout payout, MerchantPayoutDetails details, DateTimeOffset now) => payout switch
    {
        { Kind: not PayoutKind.MerchantPayout } => NotFound,
        { Status: PayoutStatus.Cancelled } => Cancelled,

        // A payout created with its destination never needed the form: to the recipient it is as good as used.
        _ when details.FormUsedAt is not null || payout.Status != PayoutStatus.AwaitingRecipientDetails => Used,
        _ when now >= details.FormExpiresAt => Expired,
        _ => null,
    };
}
