using System.Text.Json.Serialization;
using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts;

/// <summary>A merchant payout as the merchant sees it (seed 001 and 002): never redirectUrl, customer or webhookUrl.</summary>
/// <param name="Amount">The exact decimal string, e.g. "10.00".</param>
public sealed record PayoutView(
    long Id,
    PayoutStatus Status,
    PayoutState State,
    Uri Url,
    string? ExternalId,
    string Amount,
    string Currency,
    string? Description,
    string? MetadataJson,
    string? RefId,
    string? OnBehalfOfId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IReplayable
{
    public string PublicId => PublicPayoutIds.Format(Id);

    /// <summary>
    /// True when CreatePayout answered with a payout an earlier request created (same Idempotency-Key, externalId or
    /// content), so exactly one of several identical requests is told it created the payout. Never stored: a stored
    /// answer is a replay by definition.
    /// </summary>
    [JsonIgnore]
    public bool Replayed { get; init; }

    public object AsReplayed() => this with { Replayed = true };

    public static PayoutView Of(Payout payout, MerchantPayoutDetails details, Uri url) => new(
        payout.Id.Value, payout.Status, payout.State, url, details.ExternalId, payout.Amount.ToDecimalString(), payout.Amount.Currency.Code,
        details.Description, details.MetadataJson, details.RefId, details.OnBehalfOfId, payout.CreatedAt, payout.UpdatedAt);
}

/// <summary>Seed 002's list filters; empty lists mean "no filter".</summary>
public sealed record PayoutFilter(
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<long> Ids,
    bool InvertIds,
    IReadOnlyList<PayoutStatus> Statuses,
    bool InvertStatuses,
    IReadOnlyList<string> RefIds,
    string? OnBehalfOfId);

/// <summary>The read side of merchant payouts; every query is scoped to the merchant, except the hosted form's.</summary>
public interface IPayoutReader
{
    Task<(Payout Payout, MerchantPayoutDetails Details)?> FindAsync(string merchantId, long payoutId, CancellationToken cancellationToken);

    /// <summary>For the hosted form only, whose verified token stands in for the merchant: the recipient has no merchant id.</summary>
    Task<(Payout Payout, MerchantPayoutDetails Details)?> FindForRecipientAsync(long payoutId, CancellationToken cancellationToken);

    /// <summary>Newest first, ids below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<(Payout Payout, MerchantPayoutDetails Details)>> ListAsync(
        string merchantId, PayoutFilter filter, long? beforeId, int limit, CancellationToken cancellationToken);
}
