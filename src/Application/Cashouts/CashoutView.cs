using Payouts.Domain.Payouts;

namespace Payouts.Application.Cashouts;

/// <summary>A cashout as its owner reads it. Its seed 000 type is its provider's name (<see cref="PayoutTypes"/>).</summary>
public sealed record CashoutView(
    long Id, long Amount, string Currency, Provider Provider, PayoutStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The legacy API's lowercase status words (seed 000 answers "pending").</summary>
    public static string StatusWord(PayoutStatus status) => status switch
    {
        PayoutStatus.AwaitingRecipientDetails or PayoutStatus.InitiationPending => "pending",
        PayoutStatus.InitiationProcessing => "processing",
        PayoutStatus.InitiationCompleted => "completed",
        PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed => "failed",
        PayoutStatus.Cancelled => "cancelled",
        PayoutStatus.Returned => "returned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown payout status."),
    };
}

/// <summary>Read side of cashouts; every query is scoped to the owner.</summary>
public interface ICashoutReader
{
    Task<CashoutView?> FindAsync(string ownerId, long cashoutId, CancellationToken cancellationToken);

    /// <summary>Newest first, strictly older than <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<CashoutView>> ListAsync(string ownerId, long? beforeId, int take, CancellationToken cancellationToken);
}
