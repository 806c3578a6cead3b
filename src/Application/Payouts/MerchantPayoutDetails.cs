namespace Payouts.Application.Payouts;

/// <summary>What a merchant payout has beyond every payout: seed 001's and seed 002's fields, as given.</summary>
/// <param name="MetadataJson">The metadata object, serialized; null when none was given.</param>
/// <param name="Destination">The stored recipient (see RecipientCodec), null while the recipient has not filled the form.</param>
/// <param name="FormExpiresAt">After this the hosted form no longer accepts details.</param>
public sealed record MerchantPayoutDetails(
    long PayoutId,
    string MerchantId,
    string? ExternalId,
    string? Description,
    string? MetadataJson,
    Uri? RedirectUrl,
    Uri? WebhookUrl,
    string? CustomerId,
    string? CustomerName,
    string? RefId,
    string? OnBehalfOfId,
    string? Destination,
    DateTimeOffset FormExpiresAt,
    DateTimeOffset? FormUsedAt);
