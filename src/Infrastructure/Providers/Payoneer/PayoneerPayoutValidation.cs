using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>What Payoneer would refuse, refused before anything is sent; each code names the field.</summary>
internal static class PayoneerPayoutValidation
{
    public static SubmitOutcome.Refused? Refusal(PayoutInstruction payout) => payout switch
    {
        { Recipient: not ProviderAccount } => new("recipient", "Payoneer pays only to a registered payee id."),
        { Recipient: ProviderAccount { AccountId: var payee } } when string.IsNullOrWhiteSpace(payee) => new("payee_id", "The payee id is empty."),
        { Amount.Minor: <= 0 } => new("amount", "The amount must be positive."),
        { Description: var description } when string.IsNullOrWhiteSpace(description) => new("description", "Payoneer requires a description."),
        _ => null,
    };
}
