using System.Text.Json;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// The key of the command being handled in this scope. The unit of work writes its record in the
/// same transaction as the command's own changes, so a crash can never leave a payout without the
/// record that makes its retry a replay.
/// </summary>
public sealed class IdempotencyContext(TimeProvider clock)
{
    private string? _callerId;
    private string? _key;
    private string? _requestJson;

    /// <summary>Whether a record has been written for the current command.</summary>
    public bool Recorded { get; private set; }

    public bool HasPendingKey => _key is not null && !Recorded;

    internal void Begin(string callerId, string key, string requestJson)
    {
        (_callerId, _key, _requestJson) = (callerId, key, requestJson);
        Recorded = false;
    }

    /// <summary>The record for an outcome; null when there is no key or the outcome must not be replayed.</summary>
    public IdempotencyRecord? RecordFor<T>(Result<T> outcome) =>
        outcome.IsSuccess ? RecordFor(outcome.Value, null) : RecordFor(null, outcome.Error);

    internal IdempotencyRecord? RecordFor(object? value, Error? error)
    {
        if (!HasPendingKey || (error is not null && TransientErrors.Contains(error)))
        {
            return null;
        }

        var response = error is null ? JsonSerializer.Serialize(value) : null;
        return new IdempotencyRecord(_callerId!, _key!, _requestJson!, response, error, clock.GetUtcNow());
    }

    public void MarkRecorded() => Recorded = true;
}
