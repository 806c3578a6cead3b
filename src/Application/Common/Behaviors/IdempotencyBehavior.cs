using System.Text.Json;
using MediatR;
using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Behaviors;

/// <summary>
/// Same key and same request: the stored outcome, replayed. Same key, different request: an error
/// naming the fields that differ. Same key while the first request still runs: retryable ABORTED.
/// A first request runs its handler, which passes its <see cref="PendingIdempotencyRecord"/> to its unit of work:
/// the record is written there, in the same savepoint as the command's changes, and nowhere else.
/// </summary>
internal sealed class IdempotencyBehavior<TRequest, TResponse>(IIdempotencyStore store, IIdempotencyClaims claims)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IIdempotentCommand { IdempotencyKey: { Length: > 0 } key } command)
        {
            return await next();
        }

        // Claimed before it is looked up: a record found now cannot be half-written by a request
        // still running, and one lookup per request suffices (none when the claim showed there is no record).
        var claim = await claims.TryBeginAsync(command.CallerId, key, cancellationToken);
        if (claim == KeyClaim.InFlight)
        {
            return TResponse.Failure(TransientErrors.KeyInFlight);
        }

        try
        {
            return claim == KeyClaim.Claimed && await store.FindAsync(command.CallerId, key, cancellationToken) is { } earlier
                ? Replay(earlier, RequestFingerprint.Of(command))
                : await next();
        }
        finally
        {
            await claims.EndAsync(command.CallerId, key);
        }
    }

    private static TResponse Replay(IdempotencyRecord record, string fingerprint)
    {
        var differing = RequestFingerprint.Differences(record.RequestJson, fingerprint);
        if (differing.Count > 0)
        {
            return TResponse.Failure(Error.Validation(
                "idempotency.key_reused",
                $"The idempotency key was already used with a different request ({string.Join(", ", differing)} differ).",
                differing.Select(field => new FieldViolation(field, "differs from the request first sent with this idempotency key")).ToArray()));
        }

        if (record.Error is { } error)
        {
            return TResponse.Failure(error);
        }

        var value = JsonSerializer.Deserialize(record.ResponseJson!, TResponse.ValueType);
        return TResponse.FromBoxedValue(value is IReplayable replayable ? replayable.AsReplayed() : value);
    }
}
