using System.Globalization;
using System.Text.Json;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>The outbox messages the dispatcher consumes. Ids only: it reads the payout itself.</summary>
public static class PayoutMessages
{
    public const string CreatedType = "payout.created";

    public static OutboxMessage Created(Payout payout, DateTimeOffset now) =>
        new(CreatedType, JsonSerializer.Serialize(new { payoutId = payout.Id.Value.ToString(CultureInfo.InvariantCulture) }), now);
}
