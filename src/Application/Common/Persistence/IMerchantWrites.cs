using Payouts.Application.Merchants;

namespace Payouts.Application.Common.Persistence;

/// <summary>Merchants' tokens and settings.</summary>
public interface IMerchantWrites
{
    void AddToken(MerchantToken token);

    /// <summary>False if there is no such token or it was already revoked.</summary>
    bool RevokeToken(string tokenId, DateTimeOffset now);

    /// <summary>Where the merchant's webhooks go when a payout names no webhookUrl; null when none was set.</summary>
    Uri? FindDefaultWebhookUrl(string merchantId);

    /// <summary>Sets (or with null, clears) the merchant's default webhook URL.</summary>
    void SaveDefaultWebhookUrl(string merchantId, Uri? url, DateTimeOffset now);
}
