namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// A command that may carry an idempotency key (the <c>idempotency-key</c> metadata). Keys are
/// scoped to the caller: two callers may use the same key independently.
/// </summary>
public interface IIdempotentCommand
{
    string CallerId { get; }

    string? IdempotencyKey { get; }
}
