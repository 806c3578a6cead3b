using System.Text;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts;

/// <summary>
/// Seed 002's name of a payout status (INITIATION_COMPLETED, AWAITING_RECIPIENT_DETAILS): the one vocabulary of every
/// seed route and of the webhooks, so a merchant never maps InitiationCompleted to INITIATION_COMPLETED by hand.
/// </summary>
public static class SeedStatusNames
{
    public static string Of(PayoutStatus status)
    {
        var name = status.ToString();
        var upper = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                upper.Append('_');
            }

            upper.Append(char.ToUpperInvariant(name[i]));
        }

        return upper.ToString();
    }
}
