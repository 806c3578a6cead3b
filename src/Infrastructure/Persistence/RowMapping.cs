using System.Text.Json;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Payouts;
using Payouts.Application.Webhooks;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence.Rows;

namespace Payouts.Infrastructure.Persistence;

/// <summary>Domain objects to table rows and back: the one place that knows both shapes.</summary>
internal static class RowMapping
{
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static PayoutRow ToRow(Payout payout) => new()
    {
        Id = payout.Id.Value,
        Kind = payout.Kind.ToString(),
        OwnerId = payout.OwnerId,
        AmountMinor = payout.Amount.Minor,
        Currency = payout.Amount.Currency.Code,
        Provider = ProviderOrEmpty(payout.Provider),
        Type = PayoutTypes.Of(payout.Kind, payout.Provider),
        Status = payout.Status.ToString(),
        ProviderReference = payout.ProviderReference,
        FailureReason = payout.FailureReason,
        CreatedAtMs = ToMs(payout.CreatedAt),
        UpdatedAtMs = ToMs(payout.UpdatedAt),
        Version = payout.Version,
    };

    public static Payout FromRow(PayoutRow row) => Payout.Restore(
        new PayoutId(row.Id),
        Enum.Parse<PayoutKind>(row.Kind),
        row.OwnerId,
        Money.FromMinor(row.AmountMinor, Currency.From(row.Currency).Value),
        row.Provider.Length == 0 ? null : ProviderNames.Parse(row.Provider),
        Enum.Parse<PayoutStatus>(row.Status),
        row.ProviderReference,
        row.FailureReason,
        FromMs(row.CreatedAtMs),
        FromMs(row.UpdatedAtMs),
        row.Version);

    /// <summary>A payout's provider as stored: its name, or "" while a merchant payout's recipient has not chosen one.</summary>
    private static string ProviderOrEmpty(Provider? provider) => provider is { } known ? ProviderNames.Of(known) : "";

    public static IdempotencyRecordRow ToRow(IdempotencyRecord record) => new()
    {
        CallerId = record.CallerId,
        Key = record.Key,
        RequestJson = record.RequestJson,
        ResponseJson = record.ResponseJson,
        ErrorJson = record.Error is null ? null : JsonSerializer.Serialize(record.Error),
        CreatedAtMs = ToMs(record.CreatedAt),
    };

    public static IdempotencyRecord FromRow(IdempotencyRecordRow row) => new(
        row.CallerId,
        row.Key,
        row.RequestJson,
        row.ResponseJson,
        row.ErrorJson is null ? null : JsonSerializer.Deserialize<Error>(row.ErrorJson),
        FromMs(row.CreatedAtMs));

    public static MerchantPayoutRow ToRow(MerchantPayoutDetails details) => new()
    {
        PayoutId = details.PayoutId,
        MerchantId = details.MerchantId,
        ExternalId = details.ExternalId,
        Description = details.Description,
        MetadataJson = details.MetadataJson,
        RedirectUrl = details.RedirectUrl?.AbsoluteUri,
        WebhookUrl = details.WebhookUrl?.AbsoluteUri,
        CustomerId = details.CustomerId,
        CustomerName = details.CustomerName,
        RefId = details.RefId,
        OnBehalfOfId = details.OnBehalfOfId,
        DestinationJson = details.Destination,
        FormExpiresAtMs = ToMs(details.FormExpiresAt),
        FormUsedAtMs = details.FormUsedAt is { } used ? ToMs(used) : null,
    };

    public static MerchantPayoutDetails FromRow(MerchantPayoutRow row) => new(
        row.PayoutId,
        row.MerchantId,
        row.ExternalId,
        row.Description,
        row.MetadataJson,
        row.RedirectUrl is null ? null : new Uri(row.RedirectUrl),
        row.WebhookUrl is null ? null : new Uri(row.WebhookUrl),
        row.CustomerId,
        row.CustomerName,
        row.RefId,
        row.OnBehalfOfId,
        row.DestinationJson,
        FromMs(row.FormExpiresAtMs ?? 0),
        FromMsOrNull(row.FormUsedAtMs));

    public static WebhookDelivery FromRow(WebhookDeliveryRow row) => new(
        row.Id, row.MerchantId, row.PayoutId, row.Sequence, row.EventType, row.Payload, new Uri(row.Url), Enum.Parse<WebhookDeliveryStatus>(row.Status),
        row.Attempts, FromMsOrNull(row.NextAttemptAtMs), FromMs(row.CreatedAtMs), FromMsOrNull(row.DeliveredAtMs), row.LastError);

    private static DateTimeOffset? FromMsOrNull(long? ms) => ms is { } value ? FromMs(value) : null;
}
