namespace Payouts.Infrastructure.Persistence.Rows;

// Table shapes, one class per table. Domain objects are mapped to and from them in one place
// (RowMapping), so the domain carries no persistence concerns. Times are Unix milliseconds (UTC):
// they sort, compare and index cheaply in SQLite.

internal sealed class BalanceAccountRow
{
    public required string Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Currency { get; set; }
    public long Available { get; set; }
    public long Reserved { get; set; }
    public long Version { get; set; }
}

internal sealed class LedgerEntryRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Kind { get; set; }
    public long Amount { get; set; }
    public required string Reference { get; set; }
    public long CreatedAtMs { get; set; }
}

internal sealed class PayoutRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string OwnerId { get; set; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    public required string Provider { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }
    public string? ProviderReference { get; set; }
    public string? FailureReason { get; set; }
    public long CreatedAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
    public long Version { get; set; }
}

internal sealed class CashoutMethodRow
{
    public required string OwnerId { get; set; }
    public required string Provider { get; set; }
    public required string Status { get; set; }
    public string? Reference { get; set; }
    public long CreatedAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
    public string? LinkNonce { get; set; }
}

internal sealed class OutboxMessageRow
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public long CreatedAtMs { get; set; }
    public long? ProcessedAtMs { get; set; }
}

internal sealed class IdempotencyRecordRow
{
    public required string CallerId { get; set; }
    public required string Key { get; set; }
    public required string RequestJson { get; set; }
    public string? ResponseJson { get; set; }
    public string? ErrorJson { get; set; }
    public long CreatedAtMs { get; set; }
}

internal sealed class PayoutDispatchRow
{
    public long PayoutId { get; set; }
    public required string Stage { get; set; }
    public int Attempts { get; set; }
    public long? NextAttemptAtMs { get; set; }
    public string? LastError { get; set; }
    public long UpdatedAtMs { get; set; }
    public string? Recipient { get; set; }
}

internal sealed class MerchantTokenRow
{
    public required string Id { get; set; }
    public required string MerchantId { get; set; }
    public required string TokenHash { get; set; }
    public required string Permissions { get; set; }
    public long CreatedAtMs { get; set; }
    public long? RevokedAtMs { get; set; }
}

internal sealed class MerchantPayoutRow
{
    public long PayoutId { get; set; }
    public required string MerchantId { get; set; }
    public string? ExternalId { get; set; }
    public string? Description { get; set; }
    public string? MetadataJson { get; set; }
    public string? RedirectUrl { get; set; }
    public string? WebhookUrl { get; set; }
    public string? CustomerId { get; set; }
    public string? CustomerName { get; set; }
    public string? RefId { get; set; }
    public string? OnBehalfOfId { get; set; }
    public string? DestinationJson { get; set; }
    public long? FormExpiresAtMs { get; set; }
    public long? FormUsedAtMs { get; set; }

    /// <summary>SHA-256 of the creating request's canonical content; null on payouts created before it was kept.</summary>
    public string? ContentHash { get; set; }
}

internal sealed class WebhookDeliveryRow
{
    public long Id { get; set; }
    public required string MerchantId { get; set; }
    public long PayoutId { get; set; }
    public long Sequence { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public required string Url { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long? NextAttemptAtMs { get; set; }
    public long CreatedAtMs { get; set; }
    public long? DeliveredAtMs { get; set; }
    public string? LastError { get; set; }
}

internal sealed class WebhookAttemptRow
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public long AttemptedAtMs { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public long DurationMs { get; set; }
}

internal sealed class MerchantSettingsRow
{
    public required string MerchantId { get; set; }
    public string? DefaultWebhookUrl { get; set; }
    public long UpdatedAtMs { get; set; }
}
