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
    private Payout(PayoutId id, PayoutKind kind, string ownerId, Money amount, Provider? provider, PayoutStatus status, DateTimeOffset createdAt)
    {
        Id = id;
        Kind = kind;
        OwnerId = ownerId;
        Amount = amount;
        Provider = provider;
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

    /// <summary>Who pays it; null for a merchant payout until its recipient chooses a method on the hosted form.</summary>
    public Provider? Provider { get; private set; }

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

    /// <summary>
    /// A user's cashout (seed 000) to their method at <paramref name="provider"/>: ready to send at once, as the
    /// method is already linked. Seed 000's cashout method type is the provider's (see <see cref="PayoutTypes"/>).
    /// </summary>
    public static Payout CreateCashout(PayoutId id, string ownerId, Money amount, Provider provider, DateTimeOffset now) =>
        Create(id, PayoutKind.Cashout, ownerId, amount, provider, PayoutStatus.InitiationPending, now);

    /// <summary>
    /// A merchant's payout (seed 001), paid by <paramref name="provider"/> when the merchant gave a destination.
    /// Without one (no provider) the recipient must first enter details on the hosted form, so it waits
    /// in <see cref="PayoutStatus.AwaitingRecipientDetails"/>.
    /// </summary>
    public static Payout CreateMerchantPayout(PayoutId id, string merchantId, Money amount, Provider? provider, DateTimeOffset now)
    {
        var status = provider is null ? PayoutStatus.AwaitingRecipientDetails : PayoutStatus.InitiationPending;
        return Create(id, PayoutKind.MerchantPayout, merchantId, amount, provider, status, now);
    }

    /// <summary>Rebuilds a persisted payout exactly as stored: no events, no checks on the lifecycle.</summary>
    public static Payout Restore(
        PayoutId id,
        PayoutKind kind,
        string ownerId,
        Money amount,
        Provider? provider,
        PayoutStatus status,
        string? providerReference,
        string? failureReason,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(amount.Currency, nameof(amount));
        ArgumentOutOfRangeException.ThrowIfNegative(version);

        // A status, kind or provider written by a newer version of the service must fail loudly, not map to a wrong one.
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(status) || provider is { } known && !Enum.IsDefined(known))
        {
            throw new ArgumentOutOfRangeException(nameof(status), $"Unknown payout kind {kind}, status {status} or provider {provider}.");
        }

        return new Payout(id, kind, ownerId, amount, provider, status, createdAt)
        {
            ProviderReference = providerReference,
            FailureReason = failureReason,
            UpdatedAt = updatedAt,
            Version = version,
        };
    }

    private static Payout Create(
        PayoutId id, PayoutKind kind, string ownerId, Money amount, Provider? provider, PayoutStatus status, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(amount.Currency, nameof(amount));

        // Parse allows zero so callers can word their own error; a payout of nothing is a bug by now.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount.Minor, nameof(amount));

        var payout = new Payout(id, kind, ownerId, amount, provider, status, now);
        payout.Raise(new PayoutCreated(id, ownerId, amount, kind, status, provider, now));
        return payout;
    }

    /// <summary>
    /// Times are kept to the millisecond, as they are stored: the payout a caller gets back on creation must be
    /// the one it reads later, to the last digit (seed 001: a replay returns the same response).
    /// </summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
