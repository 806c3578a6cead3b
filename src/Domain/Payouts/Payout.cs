using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Events;

namespace Payouts.Domain.Payouts;

/// <summary>
/// A payout of <see cref="Amount"/> from an owner's balance to a recipient, through one provider.
/// Its status changes only through one method per transition (see <see cref="PayoutTransitions"/>): an allowed
/// change bumps <see cref="AggregateRoot.Version"/> and raises one past-tense event; repeating the transition the
/// payout already went through is a no-op; anything else is a "payout.illegal_transition" error.
/// </summary>
public sealed partial class Payout : AggregateRoot
{
    /// <summary>The <see cref="Type"/> of merchant payouts, seed 001's <c>type: "payout"</c>.</summary>
    public const string MerchantPayoutType = "payout";

    private Payout(PayoutId id, PayoutKind kind, string ownerId, Money amount, string provider, string type, PayoutStatus status, DateTimeOffset createdAt)
    {
        Id = id;
        Kind = kind;
        OwnerId = ownerId;
        Amount = amount;
        Provider = provider;
        Type = type;
        Status = status;
        CreatedAt = ToMilliseconds(createdAt);
        UpdatedAt = CreatedAt;
    }

    /// <summary>The payout id.</summary>
    public PayoutId Id { get; }

    /// <summary>Cashout or merchant payout.</summary>
    public PayoutKind Kind { get; }

    /// <summary>The user or merchant whose balance funds the payout.</summary>
    public string OwnerId { get; }

    /// <summary>The amount paid out; strictly positive.</summary>
    public Money Amount { get; }

    /// <summary>Lowercase provider name, e.g. "paypal"; empty for a merchant payout until a provider is known.</summary>
    public string Provider { get; private set; }

    /// <summary>Seed 000's cashout method type (e.g. "paypal"), or <see cref="MerchantPayoutType"/>.</summary>
    public string Type { get; }

    /// <summary>Where the payout is in its lifecycle.</summary>
    public PayoutStatus Status { get; private set; }

    /// <summary>The coarse public view of <see cref="Status"/> (seed 001).</summary>
    public PayoutState State => PayoutTransitions.StateOf(Status);

    /// <summary>The provider's id for the payout, set when processing starts.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>Why the payout was rejected, failed or returned.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>When the payout was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A user's cashout (seed 000): ready to send at once, as the user's method is already linked.</summary>
    public static Payout CreateCashout(PayoutId id, string ownerId, Money amount, string provider, string type, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);

        // Provider names are identifiers ("paypal"), stored lowercase so lookups and filters need no folding.
        var normalizedProvider = provider.ToLowerInvariant();
        return Create(id, PayoutKind.Cashout, ownerId, amount, normalizedProvider, type, PayoutStatus.InitiationPending, now);
    }

    /// <summary>
    /// A merchant's payout (seed 001), paid by <paramref name="provider"/> when the merchant gave a destination.
    /// Without one (an empty provider) the recipient must first enter details on the hosted form, so it waits
    /// in <see cref="PayoutStatus.AwaitingRecipientDetails"/>.
    /// </summary>
    public static Payout CreateMerchantPayout(PayoutId id, string merchantId, Money amount, string provider, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var status = provider.Length > 0 ? PayoutStatus.InitiationPending : PayoutStatus.AwaitingRecipientDetails;
        return Create(id, PayoutKind.MerchantPayout, merchantId, amount, provider.ToLowerInvariant(), MerchantPayoutType, status, now);
    }

    /// <summary>Rebuilds a persisted payout exactly as stored: no events, no checks on the lifecycle.</summary>
    public static Payout Restore(
        PayoutId id,
        PayoutKind kind,
        string ownerId,
        Money amount,
        string provider,
        string type,
        PayoutStatus status,
        string? providerReference,
        string? failureReason,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(amount.Currency, nameof(amount));
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(version);

        // A status or kind written by a newer version of the service must fail loudly, not map to a wrong state.
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), $"Unknown payout kind {kind} or status {status}.");
        }

        return new Payout(id, kind, ownerId, amount, provider, type, status, createdAt)
        {
            ProviderReference = providerReference,
            FailureReason = failureReason,
            UpdatedAt = updatedAt,
            Version = version,
        };
    }

    private static Payout Create(
        PayoutId id, PayoutKind kind, string ownerId, Money amount, string provider, string type, PayoutStatus status, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(amount.Currency, nameof(amount));

        // Parse allows zero so callers can word their own error; a payout of nothing is a bug by now.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount.Minor, nameof(amount));

        var payout = new Payout(id, kind, ownerId, amount, provider, type, status, now);
        payout.Raise(new PayoutCreated(id, ownerId, amount, kind, status, provider, type, now));
        return payout;
    }

    /// <summary>
    /// Times are kept to the millisecond, as they are stored: the payout a caller gets back on creation must be
    /// the one it reads later, to the last digit (seed 001: a replay returns the same response).
    /// </summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
