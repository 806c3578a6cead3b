using Payouts.Domain.Common;

namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// What a key remembers: the request it was first used with, and the outcome to replay (a response
/// as JSON, or the error).
/// </summary>
public sealed record IdempotencyRecord(
    string CallerId,
    string Key,
    string RequestJson,
    string? ResponseJson,
    Error? Error,
    DateTimeOffset CreatedAt);

public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken cancellationToken);
}
