using Payouts.Domain.Common;

namespace Payouts.Application.Payouts;

internal static class PayoutErrors
{
    public static Error NotFound(string id) => Error.NotFound("payout.not_found", $"Payout {id} was not found.");
}
