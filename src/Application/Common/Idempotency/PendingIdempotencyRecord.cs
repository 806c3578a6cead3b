using System.Text.Json;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// What a keyed command's record will say, before its outcome is known. The handler hands it to the unit of
/// work, which completes it with the unit's outcome and writes it in the unit's own savepoint, so a crash can
/// never leave a payout without the record that makes its retry a replay.
/// </summary>
public sealed record PendingIdempotencyRecord(string CallerId, string Key, string RequestJson, DateTimeOffset CreatedAt)
{
    /// <summary>Null when the command carries no key.</summary>
    public static PendingIdempotencyRecord? For(IIdempotentCommand command, DateTimeOffset now) =>
        command.IdempotencyKey is { Length: > 0 } key ? new(command.CallerId, key, RequestFingerprint.Of(command), now) : null;

    /// <summary>The record of an outcome; null for a transient failure, which a retry must really run again.</summary>
    public IdempotencyRecord? Complete<T>(Result<T> outcome)
    {
        if (!outcome.IsSuccess && TransientErrors.Contains(outcome.Error))
        {
            return null;
        }

        // As object: the response's own type is what a replay deserializes.
        var response = outcome.IsSuccess ? JsonSerializer.Serialize<object?>(outcome.Value) : null;
        return new IdempotencyRecord(CallerId, Key, RequestJson, response, outcome.IsSuccess ? null : outcome.Error, CreatedAt);
    }
}
