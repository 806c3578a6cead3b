namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// A response that tells its caller whether the request created something or replayed an earlier outcome (seed 001's
/// 201 against 200). The idempotency behaviour marks the responses it answers from a stored record.
/// </summary>
public interface IReplayable
{
    object AsReplayed();
}
