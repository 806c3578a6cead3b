using Payouts.Application.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>What a merchant sent with each of its payouts, and the payout's hosted form.</summary>
public interface IMerchantPayoutWrites
{
    /// <param name="contentHash">The creating request's content (RequestFingerprint.ContentHash), for replays without a key.</param>
    /// <returns>
    /// False when the merchant already has a payout with this externalId: another replica's unit created it since this
    /// one looked (PostgreSQL makes the insert wait for that unit's commit), so find it and answer with it.
    /// </returns>
    bool TryAdd(MerchantPayoutDetails details, string contentHash);

    MerchantPayoutDetails? Find(long payoutId);

    MerchantPayoutDetails? FindByExternalId(string merchantId, string externalId);

    /// <summary>The newest of the merchant's payouts created from this content since <paramref name="createdSince"/>.</summary>
    MerchantPayoutDetails? FindByContent(string merchantId, string contentHash, DateTimeOffset createdSince);

    /// <summary>The recipient entered details on the hosted form: the form is used up and the destination fixed.</summary>
    void CompleteForm(long payoutId, string destination, DateTimeOffset usedAt);

    /// <summary>The hosted form will take no details (the payout was cancelled, or the link expired).</summary>
    void CloseForm(long payoutId, DateTimeOffset closedAt);
}
