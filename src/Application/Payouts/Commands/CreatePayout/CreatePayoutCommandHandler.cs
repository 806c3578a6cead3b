using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.Payouts.Commands.CreatePayout;

/// <summary>
/// Creates the payout and reserves the amount on the merchant's balance in one unit of work, as a cashout
/// does. With a destination the payout goes to the dispatcher at once; without one it waits for the
/// recipient on the hosted form. An externalId already used by the merchant returns that payout when the
/// request is the same (seed 001: "the same response, never a duplicate"), and is refused when it differs. A request
/// without an Idempotency-Key is also recognised by its content within PayoutPolicy.ContentReplayWindow. Every replay
/// is marked as one, so the caller can tell it from a creation (201 against 200).
/// </summary>
internal sealed class CreatePayoutCommandHandler(
    IValidator<CreatePayoutCommand, ParsedPayout> validator, IUnitOfWork unitOfWork, HostedFormLinks links, PayoutPolicy policy,
    TimeProvider clock, DispatchSignal dispatch)
    : ValidatedHandler<CreatePayoutCommand, ParsedPayout, PayoutView>(validator)
{
    protected override async Task<Result<PayoutView>> HandleAsync(CreatePayoutCommand command, ParsedPayout parsed, CancellationToken cancellationToken)
    {
        var recipient = parsed.Recipient is null ? null : RecipientCodec.Encode(parsed.Recipient);
        var now = clock.GetUtcNow();

        // The id is taken inside the unit, as it runs (ADR-010: ids and keyset paging).
        var details = new MerchantPayoutDetails(
            0, command.MerchantId, NullIfEmpty(command.ExternalId), NullIfEmpty(command.Description), command.MetadataJson,
            parsed.RedirectUrl, parsed.WebhookUrl, NullIfEmpty(command.CustomerId), NullIfEmpty(command.CustomerName),
            NullIfEmpty(command.RefId), NullIfEmpty(command.OnBehalfOfId), recipient, now + policy.FormLifetime,
            FormUsedAt: recipient is null ? null : now);

        var request = new Request(RequestFingerprint.ContentHash(command), ReplaysByContent(command) ? now - policy.ContentReplayWindow : null);

        // No owner, so one per transaction on PostgreSQL: merchant payouts grouped by merchant have not been measured.
        var outcome = await unitOfWork.ExecuteAsync(
            session => Create(session, details with { PayoutId = session.Payouts.NextId().Value }, parsed.Amount, parsed.Provider, request, now),
            PendingIdempotencyRecord.For(command, now), owner: null, cancellationToken);
        if (outcome.IsSuccess && parsed.Provider is not null)
        {
            dispatch.Wake();
        }

        return !outcome.IsSuccess && outcome.Error == TransientErrors.StorageWriteFailed ? TransientErrors.BalanceNotDeducted : outcome;
    }

    /// <param name="ContentHash">The request's content, hashed (see RequestFingerprint.ContentHash).</param>
    /// <param name="ReplaySince">Replay a payout created from the same content since then; null when the request has a key.</param>
    private sealed record Request(string ContentHash, DateTimeOffset? ReplaySince);

    /// <summary>A keyed request is its key's business: two keys mean two payouts, however alike.</summary>
    private bool ReplaysByContent(CreatePayoutCommand command) =>
        command.IdempotencyKey is null && policy.ContentReplayWindow > TimeSpan.Zero;

    private Result<PayoutView> Create(
        IWriteSession session, MerchantPayoutDetails details, Money amount, Provider? provider, Request request, DateTimeOffset now)
    {
        if (details.ExternalId is { } externalId && session.MerchantPayouts.FindByExternalId(details.MerchantId, externalId) is { } existing)
        {
            return AnswerForExisting(session, existing, details, amount);
        }

        if (request.ReplaySince is { } since && FindSameRequest(session, details.MerchantId, amount.Currency, request.ContentHash, since) is { } same)
        {
            return Replay(session.Payouts.Find(new PayoutId(same.PayoutId))!, same);
        }

        // The details first: the insert that claims the externalId waits for a unit on another replica that claimed it
        // first, and if that one committed, this request is answered with its payout, as if it had come second.
        if (!session.MerchantPayouts.TryAdd(details, request.ContentHash))
        {
            return AnswerForExisting(session, session.MerchantPayouts.FindByExternalId(details.MerchantId, details.ExternalId!)!, details, amount);
        }

        // Its PayoutCreated event reserves the amount on the merchant's balance in this unit; a short balance fails the unit.
        var payoutId = new PayoutId(details.PayoutId);
        var payout = Payout.CreateMerchantPayout(payoutId, MerchantAccounts.OwnerOf(details.MerchantId), amount, provider, now);
        session.Payouts.Add(payout);
        if (provider is not null)
        {
            session.Outbox.Add(PayoutMessages.Created(payout, details.Destination, now));
        }

        return PayoutView.Of(payout, details, links.UrlFor(payoutId.Value));
    }

    /// <summary>
    /// A payout created from the same content within the window. The merchant's balance account is read first, with the
    /// lock its reservation would take anyway: two such requests on two writers (PostgreSQL's, or two replicas) take
    /// turns there, so the second looks only after the first has committed, and replays it instead of paying twice.
    /// A merchant with no balance in the currency has nothing to lock, and neither request can reserve its amount.
    /// </summary>
    private static MerchantPayoutDetails? FindSameRequest(IWriteSession session, string merchantId, Currency currency, string contentHash, DateTimeOffset since)
    {
        session.Ledger.FindAccount(MerchantAccounts.OwnerOf(merchantId), currency);
        return session.MerchantPayouts.FindByContent(merchantId, contentHash, since);
    }

    /// <summary>An externalId the merchant already used: the same request is replayed, a different one refused.</summary>
    private Result<PayoutView> AnswerForExisting(IWriteSession session, MerchantPayoutDetails existing, MerchantPayoutDetails requested, Money amount)
    {
        var earlier = session.Payouts.Find(new PayoutId(existing.PayoutId))!;
        return IsSameRequest(earlier, existing, requested, amount)
            ? Replay(earlier, existing)
            : Error.AlreadyExists("payout.external_id_used",
                $"externalId is already used by payout {PublicPayoutIds.Format(existing.PayoutId)} with different details");
    }

    private PayoutView Replay(Payout earlier, MerchantPayoutDetails details) =>
        PayoutView.Of(earlier, details, links.UrlFor(details.PayoutId)) with { Replayed = true };

    /// <summary>
    /// Seed 001's replay rule applies to the same request; everything the merchant sent is compared. A request
    /// without a destination matches one whose recipient has since filled the hosted form.
    /// </summary>
    private static bool IsSameRequest(Payout earlier, MerchantPayoutDetails stored, MerchantPayoutDetails requested, Money amount) =>
        earlier.Amount == amount
        && Comparable(stored) with { Destination = requested.Destination is null ? null : stored.Destination } == Comparable(requested);

    private static MerchantPayoutDetails Comparable(MerchantPayoutDetails details) =>
        details with { PayoutId = 0, FormExpiresAt = default, FormUsedAt = null };
}
