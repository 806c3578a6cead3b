using Payouts.Application.Common.Idempotency;
using Payouts.Application.Dispatch;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Webhooks;
using Payouts.Domain.Amounts;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>
/// The writes a unit of work may make. Everything it reads is the latest committed state plus the
/// changes of the units before it in the same group, because one writer applies them in order.
/// </summary>
public interface IWriteSession
{
    BalanceAccount? FindAccount(string ownerId, Currency currency);

    void AddAccount(BalanceAccount account);

    /// <summary>Writes the account only if it still has <paramref name="expectedVersion"/>; the database re-checks that neither side went negative.</summary>
    void UpdateAccount(BalanceAccount account, long expectedVersion);

    LedgerEntry? FindEntry(Guid accountId, EntryKind kind, string reference);

    void AddEntry(LedgerEntry entry);

    /// <summary>Creates or replaces the owner's method for a provider.</summary>
    void SaveCashoutMethod(CashoutMethodLink link);

    /// <summary>Inserts the payout; the unit of work dispatches its PayoutCreated event when the unit's work succeeds.</summary>
    void AddPayout(Payout payout);

    /// <summary>
    /// The payout as stored. Change it through its transition methods only: when the unit's work succeeds, the
    /// unit of work saves it (if it still has the version read here; one change at a time per payout) and
    /// dispatches its events.
    /// </summary>
    Payout? FindPayout(PayoutId id);

    CashoutMethodLink? FindCashoutMethod(string ownerId, string provider);

    /// <summary>The methods whose provider account is <paramref name="reference"/> (a provider notification names the account, not the user).</summary>
    IReadOnlyList<CashoutMethodLink> FindCashoutMethodsByReference(string provider, string reference);

    PayoutDispatch? FindDispatch(long payoutId);

    /// <summary>Creates or replaces the dispatcher's progress with a payout.</summary>
    void SaveDispatch(PayoutDispatch dispatch);

    /// <summary>Removes an outbox message once the dispatcher has taken it over.</summary>
    void DeleteOutboxMessage(long id);

    void AddOutboxMessage(OutboxMessage message);

    void SaveIdempotencyRecord(IdempotencyRecord record);

    /// <param name="contentHash">The creating request's content (RequestFingerprint.ContentHash), for replays without a key.</param>
    void AddMerchantPayout(MerchantPayoutDetails details, string contentHash);

    MerchantPayoutDetails? FindMerchantPayout(long payoutId);

    MerchantPayoutDetails? FindMerchantPayoutByExternalId(string merchantId, string externalId);

    /// <summary>The newest of the merchant's payouts created from this content since <paramref name="createdSince"/>.</summary>
    MerchantPayoutDetails? FindMerchantPayoutByContent(string merchantId, string contentHash, DateTimeOffset createdSince);

    /// <summary>The recipient entered details on the hosted form: the form is used up and the destination fixed.</summary>
    void CompleteMerchantPayoutForm(long payoutId, string destination, DateTimeOffset usedAt);

    /// <summary>The hosted form will take no details (the payout was cancelled, or the link expired).</summary>
    void CloseMerchantPayoutForm(long payoutId, DateTimeOffset closedAt);

    void AddMerchantToken(MerchantToken token);

    /// <summary>Where the merchant's webhooks go when a payout names no webhookUrl; null when none was set.</summary>
    Uri? FindDefaultWebhookUrl(string merchantId);

    /// <summary>Sets (or with null, clears) the merchant's default webhook URL.</summary>
    void SaveDefaultWebhookUrl(string merchantId, Uri? url, DateTimeOffset now);

    /// <summary>False if there is no such token or it was already revoked.</summary>
    bool RevokeMerchantToken(string tokenId, DateTimeOffset now);

    /// <summary>Queues a webhook; its id is assigned by the database.</summary>
    void AddWebhookDelivery(WebhookDelivery delivery);

    /// <summary>Gives up the payout's events older than <paramref name="sequence"/> that are still pending: a newer state replaces them.</summary>
    void SupersedeWebhookDeliveries(long payoutId, long sequence, DateTimeOffset now);

    /// <summary>Records one delivery attempt and the delivery's new state (delivered, next attempt, or abandoned).</summary>
    void RecordWebhookAttempt(WebhookAttempt attempt, WebhookDelivery updated);
}
