using System.Globalization;
using System.Text.Json;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>
/// The outbox messages the dispatcher consumes: the payout's id, and the provider account it goes to as
/// it was when the payout was made (the dispatcher reads everything else from the payout itself).
/// </summary>
public static class PayoutMessages
{
    public const string CreatedType = "payout.created";

    public static OutboxMessage Created(Payout payout, string? recipient, DateTimeOffset now) =>
        new(CreatedType, JsonSerializer.Serialize(new CreatedPayload(payout.Id.Value.ToString(CultureInfo.InvariantCulture), recipient)), now);

    public static (long PayoutId, string? Recipient) ReadCreated(string payload)
    {
        var created = JsonSerializer.Deserialize<CreatedPayload>(payload) ?? throw new FormatException("Empty payout.created message.");
        return (long.Parse(created.PayoutId, CultureInfo.InvariantCulture), created.Recipient);
    }

    private sealed record CreatedPayload(
        [property: System.Text.Json.Serialization.JsonPropertyName("payoutId")] string PayoutId,
        [property: System.Text.Json.Serialization.JsonPropertyName("recipient")] string? Recipient);
}
