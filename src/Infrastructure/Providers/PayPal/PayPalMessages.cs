using System.Text.Json;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>PayPal's JSON is snake_case; these are the parts of its messages we read or write (PROVIDERS.md 1.1–1.3).</summary>
internal static class PayPalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record TokenReply(string? AccessToken, long? ExpiresIn);

/// <summary>The OAuth2 endpoints' own error shape, unlike the REST APIs' <see cref="PayPalError"/>.</summary>
internal sealed record OAuthError(string? Error, string? ErrorDescription);

internal sealed record CreatePayoutRequest(SenderBatchHeader SenderBatchHeader, IReadOnlyList<PayoutItemRequest> Items);

internal sealed record SenderBatchHeader(string? SenderBatchId, string? RecipientType = null);

internal sealed record PayoutItemRequest(string RecipientType, PayPalAmount Amount, string Receiver, string SenderItemId, string? Note);

internal sealed record PayPalAmount(string Currency, string Value);

/// <summary>The reply to a create (<c>payout</c>) and to a batch read (<c>payout_batch</c>).</summary>
internal sealed record PayoutBatch(PayoutBatchHeader? BatchHeader, IReadOnlyList<PayoutBatchItem>? Items);

internal sealed record PayoutBatchHeader(string? PayoutBatchId, string? BatchStatus, SenderBatchHeader? SenderBatchHeader);

internal sealed record PayoutBatchItem(string? PayoutItemId, string? TransactionStatus, PayPalError? Errors);

/// <summary>PROVIDERS.md 1.2.3.</summary>
internal sealed record PayPalError(string? Name, string? Message, string? DebugId, IReadOnlyList<PayPalErrorDetail>? Details);

internal sealed record PayPalErrorDetail(string? Field, string? Issue, string? Description, IReadOnlyList<PayPalLink>? Link);

internal sealed record PayPalLink(string? Href, string? Rel, string? Method);

internal sealed record UserInfo(string? UserId, string? PayerId);

internal sealed record VerifySignatureReply(string? VerificationStatus);
